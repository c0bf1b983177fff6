const We=globalThis,Ke=e=>e,Se=We.trustedTypes,Ze=Se?Se.createPolicy("lit-html",{createHTML:e=>e}):void 0,ct="$lit$",X=`lit$${Math.random().toFixed(9).slice(2)}$`,lt="?"+X,Nt=`<${lt}>`,se=document,ge=()=>se.createComment(""),ye=e=>e===null||typeof e!="object"&&typeof e!="function",Pe=Array.isArray,Tt=e=>Pe(e)||typeof e?.[Symbol.iterator]=="function",Ee=`[ 	
\f\r]`,pe=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Je=/-->/g,Qe=/>/g,ee=RegExp(`>|${Ee}(?:([^\\s"'>=/]+)(${Ee}*=${Ee}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Xe=/'/g,et=/"/g,dt=/^(?:script|style|textarea|title)$/i,It=e=>(t,...a)=>({_$litType$:e,strings:t,values:a}),c=It(1),ve=Symbol.for("lit-noChange"),_=Symbol.for("lit-nothing"),tt=new WeakMap,ne=se.createTreeWalker(se,129);function ut(e,t){if(!Pe(e)||!e.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ze!==void 0?Ze.createHTML(t):t}const Et=(e,t)=>{const a=e.length-1,i=[];let n,o=t===2?"<svg>":t===3?"<math>":"",d=pe;for(let f=0;f<a;f++){const l=e[f];let s,b,h=-1,u=0;for(;u<l.length&&(d.lastIndex=u,b=d.exec(l),b!==null);)u=d.lastIndex,d===pe?b[1]==="!--"?d=Je:b[1]!==void 0?d=Qe:b[2]!==void 0?(dt.test(b[2])&&(n=RegExp("</"+b[2],"g")),d=ee):b[3]!==void 0&&(d=ee):d===ee?b[0]===">"?(d=n??pe,h=-1):b[1]===void 0?h=-2:(h=d.lastIndex-b[2].length,s=b[1],d=b[3]===void 0?ee:b[3]==='"'?et:Xe):d===et||d===Xe?d=ee:d===Je||d===Qe?d=pe:(d=ee,n=void 0);const m=d===ee&&e[f+1].startsWith("/>")?" ":"";o+=d===pe?l+Nt:h>=0?(i.push(s),l.slice(0,h)+ct+l.slice(h)+X+m):l+X+(h===-2?f:m)}return[ut(e,o+(e[a]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),i]};class we{constructor({strings:t,_$litType$:a},i){let n;this.parts=[];let o=0,d=0;const f=t.length-1,l=this.parts,[s,b]=Et(t,a);if(this.el=we.createElement(s,i),ne.currentNode=this.el.content,a===2||a===3){const h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(n=ne.nextNode())!==null&&l.length<f;){if(n.nodeType===1){if(n.hasAttributes())for(const h of n.getAttributeNames())if(h.endsWith(ct)){const u=b[d++],m=n.getAttribute(h).split(X),r=/([.?@])?(.*)/.exec(u);l.push({type:1,index:o,name:r[2],strings:m,ctor:r[1]==="."?xt:r[1]==="?"?Wt:r[1]==="@"?Pt:Te}),n.removeAttribute(h)}else h.startsWith(X)&&(l.push({type:6,index:o}),n.removeAttribute(h));if(dt.test(n.tagName)){const h=n.textContent.split(X),u=h.length-1;if(u>0){n.textContent=Se?Se.emptyScript:"";for(let m=0;m<u;m++)n.append(h[m],ge()),ne.nextNode(),l.push({type:2,index:++o});n.append(h[u],ge())}}}else if(n.nodeType===8)if(n.data===lt)l.push({type:2,index:o});else{let h=-1;for(;(h=n.data.indexOf(X,h+1))!==-1;)l.push({type:7,index:o}),h+=X.length-1}o++}}static createElement(t,a){const i=se.createElement("template");return i.innerHTML=t,i}}function le(e,t,a=e,i){if(t===ve)return t;let n=i!==void 0?a._$Co?.[i]:a._$Cl;const o=ye(t)?void 0:t._$litDirective$;return n?.constructor!==o&&(n?._$AO?.(!1),o===void 0?n=void 0:(n=new o(e),n._$AT(e,a,i)),i!==void 0?(a._$Co??=[])[i]=n:a._$Cl=n),n!==void 0&&(t=le(e,n._$AS(e,t.values),n,i)),t}class kt{constructor(t,a){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=a}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){const{el:{content:a},parts:i}=this._$AD,n=(t?.creationScope??se).importNode(a,!0);ne.currentNode=n;let o=ne.nextNode(),d=0,f=0,l=i[0];for(;l!==void 0;){if(d===l.index){let s;l.type===2?s=new Ae(o,o.nextSibling,this,t):l.type===1?s=new l.ctor(o,l.name,l.strings,this,t):l.type===6&&(s=new _t(o,this,t)),this._$AV.push(s),l=i[++f]}d!==l?.index&&(o=ne.nextNode(),d++)}return ne.currentNode=se,n}p(t){let a=0;for(const i of this._$AV)i!==void 0&&(i.strings!==void 0?(i._$AI(t,i,a),a+=i.strings.length-2):i._$AI(t[a])),a++}}class Ae{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,a,i,n){this.type=2,this._$AH=_,this._$AN=void 0,this._$AA=t,this._$AB=a,this._$AM=i,this.options=n,this._$Cv=n?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode;const a=this._$AM;return a!==void 0&&t?.nodeType===11&&(t=a.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,a=this){t=le(this,t,a),ye(t)?t===_||t==null||t===""?(this._$AH!==_&&this._$AR(),this._$AH=_):t!==this._$AH&&t!==ve&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):Tt(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==_&&ye(this._$AH)?this._$AA.nextSibling.data=t:this.T(se.createTextNode(t)),this._$AH=t}$(t){const{values:a,_$litType$:i}=t,n=typeof i=="number"?this._$AC(t):(i.el===void 0&&(i.el=we.createElement(ut(i.h,i.h[0]),this.options)),i);if(this._$AH?._$AD===n)this._$AH.p(a);else{const o=new kt(n,this),d=o.u(this.options);o.p(a),this.T(d),this._$AH=o}}_$AC(t){let a=tt.get(t.strings);return a===void 0&&tt.set(t.strings,a=new we(t)),a}k(t){Pe(this._$AH)||(this._$AH=[],this._$AR());const a=this._$AH;let i,n=0;for(const o of t)n===a.length?a.push(i=new Ae(this.O(ge()),this.O(ge()),this,this.options)):i=a[n],i._$AI(o),n++;n<a.length&&(this._$AR(i&&i._$AB.nextSibling,n),a.length=n)}_$AR(t=this._$AA.nextSibling,a){for(this._$AP?.(!1,!0,a);t!==this._$AB;){const i=Ke(t).nextSibling;Ke(t).remove(),t=i}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}}class Te{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,a,i,n,o){this.type=1,this._$AH=_,this._$AN=void 0,this.element=t,this.name=a,this._$AM=n,this.options=o,i.length>2||i[0]!==""||i[1]!==""?(this._$AH=Array(i.length-1).fill(new String),this.strings=i):this._$AH=_}_$AI(t,a=this,i,n){const o=this.strings;let d=!1;if(o===void 0)t=le(this,t,a,0),d=!ye(t)||t!==this._$AH&&t!==ve,d&&(this._$AH=t);else{const f=t;let l,s;for(t=o[0],l=0;l<o.length-1;l++)s=le(this,f[i+l],a,l),s===ve&&(s=this._$AH[l]),d||=!ye(s)||s!==this._$AH[l],s===_?t=_:t!==_&&(t+=(s??"")+o[l+1]),this._$AH[l]=s}d&&!n&&this.j(t)}j(t){t===_?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}}class xt extends Te{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===_?void 0:t}}class Wt extends Te{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==_)}}class Pt extends Te{constructor(t,a,i,n,o){super(t,a,i,n,o),this.type=5}_$AI(t,a=this){if((t=le(this,t,a,0)??_)===ve)return;const i=this._$AH,n=t===_&&i!==_||t.capture!==i.capture||t.once!==i.once||t.passive!==i.passive,o=t!==_&&(i===_||n);n&&this.element.removeEventListener(this.name,this,i),o&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}}class _t{constructor(t,a,i){this.element=t,this.type=6,this._$AN=void 0,this._$AM=a,this.options=i}get _$AU(){return this._$AM._$AU}_$AI(t){le(this,t)}}const Mt=We.litHtmlPolyfillSupport;Mt?.(we,Ae),(We.litHtmlVersions??=[]).push("3.3.3");const O=(e,t,a)=>{const i=t;let n=i._$litPart$;return n===void 0&&(i._$litPart$=n=new Ae(t.insertBefore(ge(),null),null,void 0,{})),n._$AI(e),n};function F(e){return e===null?"null":Array.isArray(e)?"array":typeof e}function te(e){return F(e)==="object"}function Bt(e){return Array.isArray(e)&&e.length>0&&e.every(t=>"message"in t)}function nt(e,t){return e.length<124?e:t}const Ot="graphql-transport-ws";var H=(e=>(e[e.InternalServerError=4500]="InternalServerError",e[e.InternalClientError=4005]="InternalClientError",e[e.BadRequest=4400]="BadRequest",e[e.BadResponse=4004]="BadResponse",e[e.Unauthorized=4401]="Unauthorized",e[e.Forbidden=4403]="Forbidden",e[e.SubprotocolNotAcceptable=4406]="SubprotocolNotAcceptable",e[e.ConnectionInitialisationTimeout=4408]="ConnectionInitialisationTimeout",e[e.ConnectionAcknowledgementTimeout=4504]="ConnectionAcknowledgementTimeout",e[e.SubscriberAlreadyExists=4409]="SubscriberAlreadyExists",e[e.TooManyInitialisationRequests=4429]="TooManyInitialisationRequests",e))(H||{}),j=(e=>(e.ConnectionInit="connection_init",e.ConnectionAck="connection_ack",e.Ping="ping",e.Pong="pong",e.Subscribe="subscribe",e.Next="next",e.Error="error",e.Complete="complete",e))(j||{});function mt(e){if(!te(e))throw new Error(`Message is expected to be an object, but got ${F(e)}`);if(!e.type)throw new Error("Message is missing the 'type' property");if(typeof e.type!="string")throw new Error(`Message is expects the 'type' property to be a string, but got ${F(e.type)}`);switch(e.type){case"connection_init":case"connection_ack":case"ping":case"pong":{if(e.payload!=null&&!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object or nullish or missing, but got "${e.payload}"`);break}case"subscribe":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${F(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${F(e.payload)}`);if(typeof e.payload.query!="string")throw new Error(`"${e.type}" message payload expects the 'query' property to be a string, but got ${F(e.payload.query)}`);if(e.payload.variables!=null&&!te(e.payload.variables))throw new Error(`"${e.type}" message payload expects the 'variables' property to be a an object or nullish or missing, but got ${F(e.payload.variables)}`);if(e.payload.operationName!=null&&F(e.payload.operationName)!=="string")throw new Error(`"${e.type}" message payload expects the 'operationName' property to be a string or nullish or missing, but got ${F(e.payload.operationName)}`);if(e.payload.extensions!=null&&!te(e.payload.extensions))throw new Error(`"${e.type}" message payload expects the 'extensions' property to be a an object or nullish or missing, but got ${F(e.payload.extensions)}`);break}case"next":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${F(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${F(e.payload)}`);break}case"error":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${F(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!Bt(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an array of GraphQL errors, but got ${JSON.stringify(e.payload)}`);break}case"complete":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${F(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);break}default:throw new Error(`Invalid message 'type' property "${e.type}"`)}return e}function Ft(e,t){return mt(typeof e=="string"?JSON.parse(e,t):e)}function fe(e,t){return mt(e),JSON.stringify(e,t)}function Ut(e){const{url:t,connectionParams:a,lazy:i=!0,onNonLazyError:n=console.error,lazyCloseTimeout:o=0,keepAlive:d=0,disablePong:f,connectionAckWaitTimeout:l=0,retryAttempts:s=5,retryWait:b=async function(T){const w=Math.pow(2,T);await new Promise(L=>setTimeout(L,w*1e3+Math.floor(Math.random()*2700+300)))},shouldRetry:h=ke,on:u,webSocketImpl:m,generateID:r=function(){return"xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g,T=>{const w=Math.random()*16|0;return(T=="x"?w:w&3|8).toString(16)})},jsonMessageReplacer:p,jsonMessageReviver:$}=e;let D;if(m){if(!Ht(m))throw new Error("Invalid WebSocket implementation provided");D=m}else typeof WebSocket<"u"?D=WebSocket:typeof global<"u"?D=global.WebSocket||global.MozWebSocket:typeof window<"u"&&(D=window.WebSocket||window.MozWebSocket);if(!D)throw new Error("WebSocket implementation missing; on Node you can `import WebSocket from 'ws';` and pass `webSocketImpl: WebSocket` to `createClient`");const P=D,q=(()=>{const A=(()=>{const w={};return{on(L,E){return w[L]=E,()=>{delete w[L]}},emit(L){"id"in L&&w[L.id]?.(L)}}})(),T={connecting:u?.connecting?[u.connecting]:[],opened:u?.opened?[u.opened]:[],connected:u?.connected?[u.connected]:[],ping:u?.ping?[u.ping]:[],pong:u?.pong?[u.pong]:[],message:u?.message?[A.emit,u.message]:[A.emit],closed:u?.closed?[u.closed]:[],error:u?.error?[u.error]:[]};return{onMessage:A.on,on(w,L){const E=T[w];return E.push(L),()=>{const k=E.indexOf(L);k>-1&&E.splice(k,1)}},emit(w,...L){for(const E of[...T[w]])E(...L)}}})();function v(A){const T=[q.on("error",w=>{T.forEach(L=>L()),A(w)}),q.on("closed",w=>{T.forEach(L=>L()),A(w)})];return()=>T.forEach(w=>w())}let g,W=0,me,y=!1,re=0,He=!1;async function je(){clearTimeout(me);const[A,T]=await(g??(g=new Promise((E,k)=>(async()=>{if(y){if(await b(re),!W)return g=void 0,k({code:1e3,reason:"All Subscriptions Gone"});re++}q.emit("connecting",y);const R=new P(typeof t=="function"?await t():t,Ot);let J,oe;function qe(){isFinite(d)&&d>0&&(clearTimeout(oe),oe=setTimeout(()=>{R.readyState===P.OPEN&&(R.send(fe({type:j.Ping})),q.emit("ping",!1,void 0))},d))}v(B=>{g=void 0,clearTimeout(J),clearTimeout(oe),k(B),B instanceof at&&(R.close(4499,"Terminated"),R.onerror=null,R.onclose=null)}),R.onerror=B=>q.emit("error",B),R.onclose=B=>q.emit("closed",B),R.onopen=async()=>{try{q.emit("opened",R);const B=typeof a=="function"?await a():a;if(R.readyState!==P.OPEN)return;R.send(fe(B?{type:j.ConnectionInit,payload:B}:{type:j.ConnectionInit},p)),isFinite(l)&&l>0&&(J=setTimeout(()=>{R.close(H.ConnectionAcknowledgementTimeout,"Connection acknowledgement timeout")},l)),qe()}catch(B){q.emit("error",B),R.close(H.InternalClientError,nt(B instanceof Error?B.message:String(B),"Internal client error"))}};let ce=!1;R.onmessage=({data:B})=>{try{const M=Ft(B,$);if(q.emit("message",M),M.type==="ping"||M.type==="pong"){q.emit(M.type,!0,M.payload),M.type==="pong"?qe():f||(R.send(fe(M.payload?{type:j.Pong,payload:M.payload}:{type:j.Pong},p)),q.emit("pong",!1,M.payload));return}if(ce)return;if(M.type!==j.ConnectionAck)throw new Error(`First message cannot be of type ${M.type}`);clearTimeout(J),ce=!0,q.emit("connected",R,M.payload,y),y=!1,re=0;const Ye=new Promise((Da,Ct)=>v(Ct));Ye.catch(()=>{}),E([R,Ye])}catch(M){R.onmessage=null,q.emit("error",M),R.close(H.BadResponse,nt(M instanceof Error?M.message:String(M),"Bad response"))}}})())));A.readyState===P.CLOSING&&await T;let w=()=>{};const L=new Promise(E=>w=E);return[A,w,new Promise((E,k)=>{const R=v(k);A.readyState!==P.OPEN&&T.catch(k),L.then(()=>{if(R(),!W){const J=()=>A.close(1e3,"Normal Closure");isFinite(o)&&o>0?(clearTimeout(me),me=setTimeout(()=>{!W&&A.readyState===P.OPEN&&J()},o)):J()}E()})})]}function Ge(A){if(ke(A)&&(Vt(A.code)||[H.InternalServerError,H.InternalClientError,H.BadRequest,H.BadResponse,H.Unauthorized,H.SubprotocolNotAcceptable,H.SubscriberAlreadyExists,H.TooManyInitialisationRequests].includes(A.code)))throw A;if(He)return!1;if(ke(A)&&A.code===1e3)return W>0;if(!s||re>=s||!h(A))throw A;return y=!0}i||(async()=>{for(W++;;)try{const[,,A]=await je();await A}catch(A){try{if(!Ge(A))return}catch(T){return n?.(T)}}})();function ze(A,T){const w=r(A);let L=!1,E=!1,k=()=>{W--,L=!0};return(async()=>{for(W++;;)try{const[R,J,oe]=await je();if(L)return oe.catch(()=>{}),J();const qe=q.onMessage(w,ce=>{switch(ce.type){case j.Next:{T.next(ce.payload);return}case j.Error:{E=!0,L=!0,T.error(ce.payload),k();return}case j.Complete:{L=!0,k();return}}});R.send(fe({id:w,type:j.Subscribe,payload:A},p)),k=()=>{!L&&R.readyState===P.OPEN&&R.send(fe({id:w,type:j.Complete},p)),W--,L=!0,J()},await oe.finally(qe);return}catch(R){if(!Ge(R))return}})().then(()=>{E||T.complete()}).catch(R=>{T.error(R)}),()=>{L||k()}}return{on:q.on,subscribe:ze,iterate(A){const T=[],w={done:!1,error:null,resolve:()=>{}},L=ze(A,{next(k){T.push(k),w.resolve()},error(k){w.done=!0,w.error=k,w.resolve()},complete(){w.done=!0,w.resolve()}}),E=(async function*(){for(;;){for(T.length||await new Promise(R=>w.resolve=R);T.length;)yield T.shift();if(w.error)throw w.error;if(w.done)return}})();return E.throw=async k=>(w.done||(w.done=!0,w.error=k,w.resolve()),{done:!0,value:void 0}),E.return=async()=>(L(),{done:!0,value:void 0}),E},async dispose(){if(He=!0,g){const[A]=await g;A.close(1e3,"Normal Closure")}},terminate(){g&&q.emit("closed",new at)}}}class at extends Error{name="TerminatedCloseEvent";message="4499: Terminated";code=4499;reason="Terminated";wasClean=!1}function ke(e){return te(e)&&"code"in e&&"reason"in e}function Vt(e){return[1e3,1001,1006,1005,1012,1013,1014].includes(e)?!1:e>=1e3&&e<=1999}function Ht(e){return typeof e=="function"&&"constructor"in e&&"CLOSED"in e&&"CLOSING"in e&&"CONNECTING"in e&&"OPEN"in e}const _e=window.location.pathname.split("/"),Ce=_e.indexOf("app",2),jt=decodeURIComponent(Ce>1?_e[Ce-1]:"saint-ismier"),pt=`${Ce>1?_e.slice(0,Ce).join("/"):"/saint-ismier"}/graphql`,Gt=`${window.location.protocol==="https:"?"wss":"ws"}://${window.location.host}${pt}`,zt=document.querySelector('meta[name="creneau-trusted-documents"]')?.content==="require";function ft(e,t){const a=e.__meta__?.hash;return zt&&a?{query:"",documentId:a,variables:t}:{query:e.toString(),variables:t}}const Me="creneau.token",Be="creneau.role",Oe="creneau.name";class be extends Error{constructor(t,a){super(t),this.code=a,this.name="ApiError"}code}function ue(){const e=sessionStorage.getItem(Me);if(e)return{token:e,role:sessionStorage.getItem(Be)??"PARENT",name:sessionStorage.getItem(Oe)??""}}function Yt(e){sessionStorage.setItem(Me,e.token),sessionStorage.setItem(Be,e.role),sessionStorage.setItem(Oe,e.name),ht()}function Fe(){sessionStorage.removeItem(Me),sessionStorage.removeItem(Be),sessionStorage.removeItem(Oe),ht()}function bt(e){return e?.role==="STAFF"||e?.role==="ADMIN"}async function S(e,t){const a={"content-type":"application/json",accept:"application/graphql-response+json, application/json;q=0.9"},i=ue()?.token;i&&(a.authorization=`Bearer ${i}`);let n;try{n=await fetch(pt,{method:"POST",headers:a,body:JSON.stringify(ft(e,t),(f,l)=>f==="query"&&l===""?void 0:l)})}catch{throw new be("Le serveur ne répond pas. Vérifiez votre connexion.","NETWORK")}let o;try{o=await n.json()}catch{throw new be(`Réponse inattendue du serveur (HTTP ${n.status}).`,void 0)}const d=o.errors?.[0];if(d)throw d.extensions?.code==="UNAUTHENTICATED"&&i&&(Fe(),window.location.hash="#/connexion"),new be(d.message,d.extensions?.code);if(o.data==null)throw new be(`Réponse vide du serveur (HTTP ${n.status}).`,void 0);return o.data}let he;function ht(){const e=he;he=void 0,e?.dispose()}function Kt(){return he||(he=Ut({url:Gt,lazy:!0,connectionParams:()=>{const e=ue()?.token;return e?{authToken:e}:{}},retryAttempts:0})),he}function Ie(e,t,a,i,n=()=>{}){let o=t.after??null,d=!1,f=()=>{};const l=()=>{f=Kt().subscribe(ft(e,{...t,after:o}),{next:s=>{const b=s.errors?.[0];b?n(b.message):s.data&&(o=a(s.data),i(s.data))},error:s=>{if(Array.isArray(s)){n(s[0]?.message??"Abonnement refusé.");return}if(s?.code===4403){d=!0,Fe(),window.location.hash="#/connexion";return}d||setTimeout(()=>!d&&l(),3e3)},complete:()=>{}})};return l(),()=>{d=!0,f()}}async function Zt(e,t){const a=ue()?.token,i=await fetch(e,{headers:a?{authorization:`Bearer ${a}`}:{}});if(!i.ok)throw new be(`Téléchargement impossible (HTTP ${i.status}).`,void 0);const n=URL.createObjectURL(await i.blob()),o=document.createElement("a");o.href=n,o.download=t,document.body.append(o),o.click(),o.remove(),setTimeout(()=>URL.revokeObjectURL(n),6e4)}class C extends String{__apiType;value;__meta__;constructor(t,a){super(t),this.value=t,this.__meta__=a}toString(){return this.value}}const Jt=new C(`
    mutation WebLogin($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) {
    token
    account {
      firstName
      lastName
      role
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:bdd851576152e572d866746a41108db151641fe0ae47185d8e8bdae25f26494e"}),Qt=new C(`
    mutation WebLogout {
  logout {
    ok
  }
}
    `,{hash:"sha256:97c59e7946d02b8e99f4dda689af12c2401b143d06b396d21f087b20946ed332"}),Xt=new C(`
    query WebViewer {
  viewer {
    unreadMessageCount
  }
  collectivity {
    name
    serviceName
  }
}
    `,{hash:"sha256:f7b05a7826c8bc557ff3a3d97d28dad2bfc7647fc228467f24e553efe16e0b6b"}),en=new C(`
    query WebFamilyChildren {
  viewer {
    family {
      id
      children {
        id
        firstName
        lastName
        registrations {
          id
          status
          startDate
          endDate
          activity {
            id
            name
            code
            slots {
              id
              weekday
              startTime
              endTime
            }
          }
        }
      }
    }
  }
}
    `,{hash:"sha256:3bae1623cee281c36c615ed3a410f333ab914fb3229da4ad36ee2f1311539db9"}),tn=new C(`
    query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {
  planning(range: {gte: $from, lte: $to}, children: $children) {
    occurrences {
      slotId
      date
      startTime
      endTime
      status
      statusLabel
      canReserve
      reserveBlockerLabel
      reserveWouldWaitList
      canCancel
      absenceWouldBeBilled
      child {
        id
        firstName
      }
      activity {
        id
        name
      }
    }
  }
}
    `,{hash:"sha256:0973185af90f3f81174666e5478ebe70427becf25b98c61eca4d8740548a5fac"}),nn=new C(`
    mutation WebReservationPreview($input: ReservationRequestCreateInput!) {
  reservationRequestPreview(input: $input) {
    lines {
      date
      outcome
      outcomeLabel
      message
      priceCents
      absenceWouldBeBilled
      child {
        firstName
      }
      slot {
        startTime
        endTime
      }
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:5639de3463ab05de2acc67ea1746ce2d4944626d18d1196d8bd8c65ebc78b8af"}),an=new C(`
    mutation WebReservationCreate($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request {
      id
      referenceLabel
      statusLabel
    }
    lines {
      date
      outcome
      outcomeLabel
      message
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:4ecf82079b1af18d304c67906669c38433e8eb3b4b8c566d0b3f305454fcee97"}),sn=new C(`
    mutation WebAbsencePreview($input: AbsenceRequestCreateInput!) {
  absenceRequestPreview(input: $input) {
    lines {
      date
      outcome
      outcomeLabel
      message
      priceCents
      absenceWouldBeBilled
      child {
        firstName
      }
      slot {
        startTime
        endTime
      }
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:8af3265acdf405c924c8531ed24cf803f62f312af537c363eb236f2dacc9c3ad"}),rn=new C(`
    mutation WebAbsenceCreate($input: AbsenceRequestCreateInput!) {
  absenceRequestCreate(input: $input) {
    request {
      id
      referenceLabel
      statusLabel
    }
    lines {
      date
      outcome
      outcomeLabel
      message
    }
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:46b85cc04a75b5ab596037ef2d3fade100f125ef070d214725f030b778b1ab0f"}),on=new C(`
    query WebRequests($where: RequestFilter, $order: RequestOrder!, $first: Int!) {
  requests(where: $where, order: $order, first: $first) {
    totalCount
    edges {
      node {
        id
        referenceLabel
        type
        typeLabel
        status
        statusLabel
        createdAt
        periodStart
        periodEnd
        unreadMessageCount
        child {
          firstName
          lastName
        }
        activity {
          name
        }
        family {
          name
        }
        lines {
          id
          date
          actionLabel
          status
          statusLabel
          child {
            firstName
          }
          slot {
            startTime
            endTime
          }
        }
      }
    }
  }
}
    `,{hash:"sha256:78fda22e49de7612a17691f63ec1cb23fc80757daeba68aabe754ec5beffa9b2"}),cn=new C(`
    query WebRequestDetail($id: ID!) {
  node(id: $id) {
    ... on Request {
      id
      referenceLabel
      typeLabel
      status
      statusLabel
      createdAt
      periodStart
      periodEnd
      comment
      reason
      unreadMessageCount
      child {
        firstName
        lastName
      }
      activity {
        name
        establishment {
          name
        }
      }
      lines {
        id
        date
        actionLabel
        statusLabel
        message
      }
      changes {
        label
        currentValue
        proposedValue
      }
      history {
        at
        label
        statusLabel
        note
      }
      messages {
        subject
        body
        fromStaff
        createdAt
      }
    }
  }
}
    `,{hash:"sha256:542b86431ef9c47eb28a932f5d6e6df6f04f0cb608321c7b46308060b4138a69"}),ln=new C(`
    mutation WebRequestCancel($request: ID!) {
  requestCancel(input: {request: $request}) {
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:a2bb8891c931779eb8e689479f34dc840a1ed4bec265d4e00e4732025fa47808"}),dn=new C(`
    mutation WebMessagePost($input: RequestMessagePostInput!) {
  requestMessagePost(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:d9508a3ade68fb66b30571d7ff52eb47f49db5282cb4ad60f5932249e10061d5"}),un=new C(`
    mutation WebMessagesMarkRead($requests: [ID!]!) {
  messagesMarkRead(input: {requests: $requests}) {
    errors {
      message
    }
  }
}
    `,{hash:"sha256:a37411cb2e160b9893627a8844d155d2c4b8ea4753a84a03cb73f3beac1dd6fd"}),mn=new C(`
    subscription WebRequestStatusChanged($after: String) {
  requestStatusChanged(after: $after) {
    cursor
    step
    stepLabel
    status
    statusLabel
    referenceLabel
    typeLabel
    request {
      id
      status
      statusLabel
    }
  }
}
    `,{hash:"sha256:a0a000d757e993e8b1c686a172252c3f23566cee1c57e35871af40e918fcc21e"}),pn=new C(`
    subscription WebPlanningChanged($after: String) {
  planningChanged(after: $after) {
    cursor
    date
    statusLabel
  }
}
    `,{hash:"sha256:389965ae91f1b6568b246ff0fa80fa80aeb64e788153422759ab61c3e50aa85b"}),fn=new C(`
    query WebInvoices($first: Int!) {
  invoices(first: $first) {
    totalCount
    edges {
      node {
        id
        number
        kindLabel
        issuer
        periodStart
        periodEnd
        issuedOn
        dueOn
        totalCents
        remainingCents
        status
        statusLabel
        canPayOnline
        pdfUrl
        payments {
          operationNumber
          methodLabel
          paidOn
          amountCents
        }
      }
    }
  }
}
    `,{hash:"sha256:9ed8b5a1025c2a49deed9e578d218700810cefbf9a6aafea57c417a0b72de2c0"}),bn=new C(`
    mutation WebPaymentStart($invoice: ID!, $returnUrl: String) {
  invoicePaymentStart(input: {invoice: $invoice, returnUrl: $returnUrl}) {
    paymentUrl
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:b228c5b0cfc5c1c7b6a9d9654485ba208c18cf1c8b89b2b6a3eae15c6111e1d3"}),hn=new C(`
    query WebFamilyFile {
  viewer {
    family {
      id
      name
      subscriberCode
      statusLabel
      directDebit
      guardians {
        id
        firstName
        lastName
        relationshipLabel
        email
        phone
        mobilePhone
        isPayer
        isAllocataire
        address {
          line1
          postalCode
          city
        }
        pendingChanges {
          label
          currentValue
          proposedValue
        }
      }
      children {
        id
        firstName
        lastName
        birthDate
        gradeLabel
        school {
          name
        }
        pendingChanges {
          label
          currentValue
          proposedValue
        }
      }
      pendingChanges {
        label
        subject
        currentValue
        proposedValue
        request {
          id
          referenceLabel
          statusLabel
        }
      }
    }
  }
}
    `,{hash:"sha256:edc290d4669b7c710216003002ef70aee30d63a1b923cf6b769b8279b8d8effc"}),$n=new C(`
    mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
  guardianChangeRequestCreate(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:f62d326a0aacb38df2269631e88bd8048741bde7ebdd400f741912f95cd8a915"}),gn=new C(`
    subscription WebStaffInbox($after: String) {
  staffInbox(after: $after) {
    cursor
    step
    stepLabel
    referenceLabel
    request {
      id
      status
    }
  }
}
    `,{hash:"sha256:20fa46666e61d27ad1b0010a2b676c51290bf1b079a87b8fc91f09f99a09e297"}),yn=new C(`
    mutation WebRequestAccept($input: RequestAcceptInput!) {
  requestAccept(input: $input) {
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:22eec8c5fab470a835b2551635a09520799e21c83e8e0a1e14d3f26ef6dcd3b6"}),vn=new C(`
    mutation WebRequestRefuse($input: RequestRefuseInput!) {
  requestRefuse(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:eab242912897c87f129e1972ec46c204b2343b5769685c21e5125f5189b1a4ab"}),wn=new C(`
    query WebActivities {
  activities(first: 100) {
    edges {
      node {
        id
        name
        isActive
        schoolYear {
          startDate
          endDate
        }
        establishment {
          name
        }
        slots {
          id
          weekday
          startTime
          endTime
        }
      }
    }
  }
}
    `,{hash:"sha256:98d627a9d39f101b9756d6deb1351f273003c8035a93195a45aa9b4f066ba0dc"}),An=new C(`
    query WebAttendanceSheet($slot: ID!, $date: Date!) {
  attendanceSheet(slot: $slot, date: $date) {
    runsOnDate
    expectedCount
    entries {
      child {
        id
        firstName
        lastName
      }
      status
      statusLabel
      expected
      attendance
      hasPai
      foodAllergies
      otherAllergies
      contacts {
        firstName
        lastName
        relationshipLabel
        mobilePhone
        phone
      }
    }
  }
}
    `,{hash:"sha256:6f0ad4bac2153773a71d5c9b74b936f6b384622711505d7cc28fb8fe90d210db"}),qn=new C(`
    mutation WebAttendanceMark($input: AttendanceMarkInput!) {
  attendanceMark(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:78032914f905d15ffd3d97799db5387bda31f728e46d82d67d8fb2caf5461a10"}),Rn=new C(`
    query WebOccurrence($date: Date!, $child: ID!, $activity: ID!) {
  planning(
    range: {gte: $date, lte: $date}
    children: [$child]
    activities: [$activity]
  ) {
    occurrences {
      slotId
      date
      startTime
      endTime
      status
      statusLabel
      canReserve
      canCancel
      reserveBlockerLabel
      cancelBlockerLabel
      absenceWouldBeBilled
      bookingDeadline
      cancellationDeadline
      pendingRequest
      pendingRequestReference
      child {
        id
        firstName
      }
      activity {
        id
        name
      }
      history {
        kindLabel
        occurredAt
        request
        requestReference
      }
    }
  }
}
    `,{hash:"sha256:882593d732197888b1dc2597cddaab97116ad96041396168dcb3c1c86957597f"}),Dn={"\n  mutation WebLogin($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      token\n      account {\n        firstName\n        lastName\n        role\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":Jt,"\n  mutation WebLogout {\n    logout {\n      ok\n    }\n  }\n":Qt,"\n  query WebViewer {\n    viewer {\n      unreadMessageCount\n    }\n    collectivity {\n      name\n      serviceName\n    }\n  }\n":Xt,"\n  query WebFamilyChildren {\n    viewer {\n      family {\n        id\n        children {\n          id\n          firstName\n          lastName\n          registrations {\n            id\n            status\n            startDate\n            endDate\n            activity {\n              id\n              name\n              code\n              slots {\n                id\n                weekday\n                startTime\n                endTime\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n":en,"\n  query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {\n    planning(range: { gte: $from, lte: $to }, children: $children) {\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        reserveBlockerLabel\n        reserveWouldWaitList\n        canCancel\n        absenceWouldBeBilled\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          name\n        }\n      }\n    }\n  }\n":tn,"\n  mutation WebReservationPreview($input: ReservationRequestCreateInput!) {\n    reservationRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        absenceWouldBeBilled\n        child {\n          firstName\n        }\n        slot {\n          startTime\n          endTime\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":nn,"\n  mutation WebReservationCreate($input: ReservationRequestCreateInput!) {\n    reservationRequestCreate(input: $input) {\n      request {\n        id\n        referenceLabel\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":an,"\n  mutation WebAbsencePreview($input: AbsenceRequestCreateInput!) {\n    absenceRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        absenceWouldBeBilled\n        child {\n          firstName\n        }\n        slot {\n          startTime\n          endTime\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":sn,"\n  mutation WebAbsenceCreate($input: AbsenceRequestCreateInput!) {\n    absenceRequestCreate(input: $input) {\n      request {\n        id\n        referenceLabel\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":rn,"\n  query WebRequests($where: RequestFilter, $order: RequestOrder!, $first: Int!) {\n    requests(where: $where, order: $order, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          referenceLabel\n          type\n          typeLabel\n          status\n          statusLabel\n          createdAt\n          periodStart\n          periodEnd\n          unreadMessageCount\n          child {\n            firstName\n            lastName\n          }\n          activity {\n            name\n          }\n          family {\n            name\n          }\n          lines {\n            id\n            date\n            actionLabel\n            status\n            statusLabel\n            child {\n              firstName\n            }\n            slot {\n              startTime\n              endTime\n            }\n          }\n        }\n      }\n    }\n  }\n":on,"\n  query WebRequestDetail($id: ID!) {\n    node(id: $id) {\n      ... on Request {\n        id\n        referenceLabel\n        typeLabel\n        status\n        statusLabel\n        createdAt\n        periodStart\n        periodEnd\n        comment\n        reason\n        unreadMessageCount\n        child {\n          firstName\n          lastName\n        }\n        activity {\n          name\n          establishment {\n            name\n          }\n        }\n        lines {\n          id\n          date\n          actionLabel\n          statusLabel\n          message\n        }\n        changes {\n          label\n          currentValue\n          proposedValue\n        }\n        history {\n          at\n          label\n          statusLabel\n          note\n        }\n        messages {\n          subject\n          body\n          fromStaff\n          createdAt\n        }\n      }\n    }\n  }\n":cn,"\n  mutation WebRequestCancel($request: ID!) {\n    requestCancel(input: { request: $request }) {\n      errors {\n        code\n        message\n      }\n    }\n  }\n":ln,"\n  mutation WebMessagePost($input: RequestMessagePostInput!) {\n    requestMessagePost(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":dn,"\n  mutation WebMessagesMarkRead($requests: [ID!]!) {\n    messagesMarkRead(input: { requests: $requests }) {\n      errors {\n        message\n      }\n    }\n  }\n":un,"\n  subscription WebRequestStatusChanged($after: String) {\n    requestStatusChanged(after: $after) {\n      cursor\n      step\n      stepLabel\n      status\n      statusLabel\n      referenceLabel\n      typeLabel\n      request {\n        id\n        status\n        statusLabel\n      }\n    }\n  }\n":mn,"\n  subscription WebPlanningChanged($after: String) {\n    planningChanged(after: $after) {\n      cursor\n      date\n      statusLabel\n    }\n  }\n":pn,"\n  query WebInvoices($first: Int!) {\n    invoices(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          kindLabel\n          issuer\n          periodStart\n          periodEnd\n          issuedOn\n          dueOn\n          totalCents\n          remainingCents\n          status\n          statusLabel\n          canPayOnline\n          pdfUrl\n          payments {\n            operationNumber\n            methodLabel\n            paidOn\n            amountCents\n          }\n        }\n      }\n    }\n  }\n":fn,"\n  mutation WebPaymentStart($invoice: ID!, $returnUrl: String) {\n    invoicePaymentStart(input: { invoice: $invoice, returnUrl: $returnUrl }) {\n      paymentUrl\n      errors {\n        code\n        message\n      }\n    }\n  }\n":bn,"\n  query WebFamilyFile {\n    viewer {\n      family {\n        id\n        name\n        subscriberCode\n        statusLabel\n        directDebit\n        guardians {\n          id\n          firstName\n          lastName\n          relationshipLabel\n          email\n          phone\n          mobilePhone\n          isPayer\n          isAllocataire\n          address {\n            line1\n            postalCode\n            city\n          }\n          pendingChanges {\n            label\n            currentValue\n            proposedValue\n          }\n        }\n        children {\n          id\n          firstName\n          lastName\n          birthDate\n          gradeLabel\n          school {\n            name\n          }\n          pendingChanges {\n            label\n            currentValue\n            proposedValue\n          }\n        }\n        pendingChanges {\n          label\n          subject\n          currentValue\n          proposedValue\n          request {\n            id\n            referenceLabel\n            statusLabel\n          }\n        }\n      }\n    }\n  }\n":hn,"\n  mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {\n    guardianChangeRequestCreate(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":$n,"\n  subscription WebStaffInbox($after: String) {\n    staffInbox(after: $after) {\n      cursor\n      step\n      stepLabel\n      referenceLabel\n      request {\n        id\n        status\n      }\n    }\n  }\n":gn,"\n  mutation WebRequestAccept($input: RequestAcceptInput!) {\n    requestAccept(input: $input) {\n      errors {\n        code\n        message\n      }\n    }\n  }\n":yn,"\n  mutation WebRequestRefuse($input: RequestRefuseInput!) {\n    requestRefuse(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":vn,"\n  query WebActivities {\n    activities(first: 100) {\n      edges {\n        node {\n          id\n          name\n          isActive\n          schoolYear {\n            startDate\n            endDate\n          }\n          establishment {\n            name\n          }\n          slots {\n            id\n            weekday\n            startTime\n            endTime\n          }\n        }\n      }\n    }\n  }\n":wn,"\n  query WebAttendanceSheet($slot: ID!, $date: Date!) {\n    attendanceSheet(slot: $slot, date: $date) {\n      runsOnDate\n      expectedCount\n      entries {\n        child {\n          id\n          firstName\n          lastName\n        }\n        status\n        statusLabel\n        expected\n        attendance\n        hasPai\n        foodAllergies\n        otherAllergies\n        contacts {\n          firstName\n          lastName\n          relationshipLabel\n          mobilePhone\n          phone\n        }\n      }\n    }\n  }\n":An,"\n  mutation WebAttendanceMark($input: AttendanceMarkInput!) {\n    attendanceMark(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":qn,"\n  query WebOccurrence($date: Date!, $child: ID!, $activity: ID!) {\n    planning(range: { gte: $date, lte: $date }, children: [$child], activities: [$activity]) {\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        canCancel\n        reserveBlockerLabel\n        cancelBlockerLabel\n        absenceWouldBeBilled\n        bookingDeadline\n        cancellationDeadline\n        pendingRequest\n        pendingRequestReference\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          name\n        }\n        history {\n          kindLabel\n          occurredAt\n          request\n          requestReference\n        }\n      }\n    }\n  }\n":Rn};function N(e){return Dn[e]??{}}const Ln=N(`
  mutation WebLogin($email: String!, $password: String!) {
    login(input: { email: $email, password: $password }) {
      token
      account {
        firstName
        lastName
        role
      }
      errors {
        code
        message
        field
      }
    }
  }
`),Sn=N(`
  mutation WebLogout {
    logout {
      ok
    }
  }
`),Cn=N(`
  query WebViewer {
    viewer {
      unreadMessageCount
    }
    collectivity {
      name
      serviceName
    }
  }
`),$t=N(`
  query WebFamilyChildren {
    viewer {
      family {
        id
        children {
          id
          firstName
          lastName
          registrations {
            id
            status
            startDate
            endDate
            activity {
              id
              name
              code
              slots {
                id
                weekday
                startTime
                endTime
              }
            }
          }
        }
      }
    }
  }
`),Nn=N(`
  query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {
    planning(range: { gte: $from, lte: $to }, children: $children) {
      occurrences {
        slotId
        date
        startTime
        endTime
        status
        statusLabel
        canReserve
        reserveBlockerLabel
        reserveWouldWaitList
        canCancel
        absenceWouldBeBilled
        child {
          id
          firstName
        }
        activity {
          id
          name
        }
      }
    }
  }
`),Tn=N(`
  mutation WebReservationPreview($input: ReservationRequestCreateInput!) {
    reservationRequestPreview(input: $input) {
      lines {
        date
        outcome
        outcomeLabel
        message
        priceCents
        absenceWouldBeBilled
        child {
          firstName
        }
        slot {
          startTime
          endTime
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`),In=N(`
  mutation WebReservationCreate($input: ReservationRequestCreateInput!) {
    reservationRequestCreate(input: $input) {
      request {
        id
        referenceLabel
        statusLabel
      }
      lines {
        date
        outcome
        outcomeLabel
        message
      }
      errors {
        code
        message
        field
      }
    }
  }
`),En=N(`
  mutation WebAbsencePreview($input: AbsenceRequestCreateInput!) {
    absenceRequestPreview(input: $input) {
      lines {
        date
        outcome
        outcomeLabel
        message
        priceCents
        absenceWouldBeBilled
        child {
          firstName
        }
        slot {
          startTime
          endTime
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`),kn=N(`
  mutation WebAbsenceCreate($input: AbsenceRequestCreateInput!) {
    absenceRequestCreate(input: $input) {
      request {
        id
        referenceLabel
        statusLabel
      }
      lines {
        date
        outcome
        outcomeLabel
        message
      }
      errors {
        code
        message
        field
      }
    }
  }
`),gt=N(`
  query WebRequests($where: RequestFilter, $order: RequestOrder!, $first: Int!) {
    requests(where: $where, order: $order, first: $first) {
      totalCount
      edges {
        node {
          id
          referenceLabel
          type
          typeLabel
          status
          statusLabel
          createdAt
          periodStart
          periodEnd
          unreadMessageCount
          child {
            firstName
            lastName
          }
          activity {
            name
          }
          family {
            name
          }
          lines {
            id
            date
            actionLabel
            status
            statusLabel
            child {
              firstName
            }
            slot {
              startTime
              endTime
            }
          }
        }
      }
    }
  }
`),xn=N(`
  query WebRequestDetail($id: ID!) {
    node(id: $id) {
      ... on Request {
        id
        referenceLabel
        typeLabel
        status
        statusLabel
        createdAt
        periodStart
        periodEnd
        comment
        reason
        unreadMessageCount
        child {
          firstName
          lastName
        }
        activity {
          name
          establishment {
            name
          }
        }
        lines {
          id
          date
          actionLabel
          statusLabel
          message
        }
        changes {
          label
          currentValue
          proposedValue
        }
        history {
          at
          label
          statusLabel
          note
        }
        messages {
          subject
          body
          fromStaff
          createdAt
        }
      }
    }
  }
`),Wn=N(`
  mutation WebRequestCancel($request: ID!) {
    requestCancel(input: { request: $request }) {
      errors {
        code
        message
      }
    }
  }
`),Pn=N(`
  mutation WebMessagePost($input: RequestMessagePostInput!) {
    requestMessagePost(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),yt=N(`
  mutation WebMessagesMarkRead($requests: [ID!]!) {
    messagesMarkRead(input: { requests: $requests }) {
      errors {
        message
      }
    }
  }
`),vt=N(`
  subscription WebRequestStatusChanged($after: String) {
    requestStatusChanged(after: $after) {
      cursor
      step
      stepLabel
      status
      statusLabel
      referenceLabel
      typeLabel
      request {
        id
        status
        statusLabel
      }
    }
  }
`),_n=N(`
  subscription WebPlanningChanged($after: String) {
    planningChanged(after: $after) {
      cursor
      date
      statusLabel
    }
  }
`),Mn=N(`
  query WebInvoices($first: Int!) {
    invoices(first: $first) {
      totalCount
      edges {
        node {
          id
          number
          kindLabel
          issuer
          periodStart
          periodEnd
          issuedOn
          dueOn
          totalCents
          remainingCents
          status
          statusLabel
          canPayOnline
          pdfUrl
          payments {
            operationNumber
            methodLabel
            paidOn
            amountCents
          }
        }
      }
    }
  }
`),Bn=N(`
  mutation WebPaymentStart($invoice: ID!, $returnUrl: String) {
    invoicePaymentStart(input: { invoice: $invoice, returnUrl: $returnUrl }) {
      paymentUrl
      errors {
        code
        message
      }
    }
  }
`),On=N(`
  query WebFamilyFile {
    viewer {
      family {
        id
        name
        subscriberCode
        statusLabel
        directDebit
        guardians {
          id
          firstName
          lastName
          relationshipLabel
          email
          phone
          mobilePhone
          isPayer
          isAllocataire
          address {
            line1
            postalCode
            city
          }
          pendingChanges {
            label
            currentValue
            proposedValue
          }
        }
        children {
          id
          firstName
          lastName
          birthDate
          gradeLabel
          school {
            name
          }
          pendingChanges {
            label
            currentValue
            proposedValue
          }
        }
        pendingChanges {
          label
          subject
          currentValue
          proposedValue
          request {
            id
            referenceLabel
            statusLabel
          }
        }
      }
    }
  }
`),Fn=N(`
  mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
    guardianChangeRequestCreate(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),Un=N(`
  subscription WebStaffInbox($after: String) {
    staffInbox(after: $after) {
      cursor
      step
      stepLabel
      referenceLabel
      request {
        id
        status
      }
    }
  }
`),Vn=N(`
  mutation WebRequestAccept($input: RequestAcceptInput!) {
    requestAccept(input: $input) {
      errors {
        code
        message
      }
    }
  }
`),Hn=N(`
  mutation WebRequestRefuse($input: RequestRefuseInput!) {
    requestRefuse(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),jn=N(`
  query WebActivities {
    activities(first: 100) {
      edges {
        node {
          id
          name
          isActive
          schoolYear {
            startDate
            endDate
          }
          establishment {
            name
          }
          slots {
            id
            weekday
            startTime
            endTime
          }
        }
      }
    }
  }
`),Gn=N(`
  query WebAttendanceSheet($slot: ID!, $date: Date!) {
    attendanceSheet(slot: $slot, date: $date) {
      runsOnDate
      expectedCount
      entries {
        child {
          id
          firstName
          lastName
        }
        status
        statusLabel
        expected
        attendance
        hasPai
        foodAllergies
        otherAllergies
        contacts {
          firstName
          lastName
          relationshipLabel
          mobilePhone
          phone
        }
      }
    }
  }
`),zn=N(`
  mutation WebAttendanceMark($input: AttendanceMarkInput!) {
    attendanceMark(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),Yn=N(`
  query WebOccurrence($date: Date!, $child: ID!, $activity: ID!) {
    planning(range: { gte: $date, lte: $date }, children: [$child], activities: [$activity]) {
      occurrences {
        slotId
        date
        startTime
        endTime
        status
        statusLabel
        canReserve
        canCancel
        reserveBlockerLabel
        cancelBlockerLabel
        absenceWouldBeBilled
        bookingDeadline
        cancellationDeadline
        pendingRequest
        pendingRequestReference
        child {
          id
          firstName
        }
        activity {
          id
          name
        }
        history {
          kindLabel
          occurredAt
          request
          requestReference
        }
      }
    }
  }
`);function Kn(){const e=window.location.hash.replace(/^#/,"")||"/",[t="/",a=""]=e.split("?");return{path:t,params:new URLSearchParams(a)}}function x(e,t={}){const a=new URLSearchParams;for(const[n,o]of Object.entries(t))o&&a.set(n,o);const i=a.toString();return`#${e}${i?`?${i}`:""}`}function Q(e,t={}){window.location.hash=x(e,t)}const wt=[{code:"AVAILABLE",symbol:"+",legend:"Réservable"},{code:"RESERVED",symbol:"✓",legend:"Activité réservée"},{code:"PRESENT",symbol:"●",legend:"Enfant présent"},{code:"PENDING",symbol:"…",legend:"Demande en attente de validation"},{code:"WAITING_LIST",symbol:"☰",legend:"Enfant en liste d'attente"},{code:"ABSENT",symbol:"✗",legend:"Enfant absent à cette activité"},{code:"ABSENT_BILLED",symbol:"€",legend:"Absence facturée"}];function At(e){return wt.find(t=>t.code===e)?.symbol??""}function Zn(){return c`<section class="legend" aria-labelledby="legend-title">
    <h2 id="legend-title" class="small-title">Légende</h2>
    <ul>
      ${wt.map(e=>c`<li><span class="slot status-${e.code}" aria-hidden="true">${e.symbol}</span> ${e.legend}</li>`)}
    </ul>
  </section>`}function V(e){return e?c`<p class="error" role="alert">${e}</p>`:""}function K(){return c`<p class="muted" role="status">Chargement…</p>`}function G(e){const t=document.getElementById("live-region");t&&(t.textContent=e)}function Z(){const e=document.querySelector("main h1");e&&(e.tabIndex=-1,e.focus())}function I(e){return e instanceof Error?e.message:String(e)}function Jn(e,t){let a,i=!1;async function n(d){d.preventDefault();const f=new FormData(d.target);i=!0,a=void 0,o();try{const{login:l}=await S(Ln,{email:String(f.get("email")??""),password:String(f.get("password")??"")}),s=l.errors[0];if(s||!l.token||!l.account)a=s?.message??"Connexion refusée.";else{const b=l.account.role;Yt({token:l.token,role:b,name:`${l.account.firstName} ${l.account.lastName}`}),Q(b==="STAFF"||b==="ADMIN"?"/agent/demandes":"/planning");return}}catch(l){a=I(l)}i=!1,o(),e.querySelector("#email")?.focus()}function o(){O(c`<h1>${t?"Espace agents":"Connexion à l'espace famille"}</h1>
        <form class="card narrow" @submit=${d=>{n(d)}}>
          ${V(a)}
          <label for="email">Adresse e-mail</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
          <label for="password">Mot de passe</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
          <button type="submit" ?disabled=${i}>${i?"Connexion…":"Se connecter"}</button>
        </form>
        <p class="muted">
          ${t?c`Vous êtes parent ? <a href="#/connexion">Espace famille</a>`:c`Vous êtes agent de la collectivité ? <a href="#/agent">Espace agents</a>`}
        </p>`,e)}return o(),e.querySelector("#email")?.focus(),()=>{}}const Qn=new Intl.NumberFormat("fr-FR",{style:"currency",currency:"EUR"}),Xn=new Intl.DateTimeFormat("fr-FR",{weekday:"long",day:"numeric",month:"long",timeZone:"UTC"}),ea=new Intl.DateTimeFormat("fr-FR",{weekday:"short",day:"2-digit",month:"2-digit",timeZone:"UTC"}),ta=new Intl.DateTimeFormat("fr-FR",{timeZone:"UTC"}),na=new Intl.DateTimeFormat("fr-FR",{month:"long",year:"numeric",timeZone:"UTC"}),aa=new Intl.DateTimeFormat("fr-FR",{dateStyle:"medium",timeStyle:"short",timeZone:"Europe/Paris"});function ie(e){return new Date(`${e}T00:00:00Z`)}function $e(e){return e==null?"—":Qn.format(e/100)}function Y(e){return Xn.format(ie(e))}function sa(e){return ea.format(ie(e))}function z(e){return e?ta.format(ie(e)):"—"}function ae(e){return aa.format(new Date(e))}function ia(e){return e.charAt(0).toLocaleLowerCase("fr-FR")+e.slice(1)}function U(e){return e.slice(0,5)}function xe(e){return na.format(ie(`${e}-01`))}function Ue(){return new Intl.DateTimeFormat("en-CA",{timeZone:"Europe/Paris"}).format(new Date)}function Re(e,t){const a=ie(`${e}-01`);return a.setUTCMonth(a.getUTCMonth()+t),a.toISOString().slice(0,7)}function ra(e){const t=ie(`${e}-01`);return t.setUTCMonth(t.getUTCMonth()+1,0),t.toISOString().slice(0,10)}const Ve=[["MONDAY","lundi"],["TUESDAY","mardi"],["WEDNESDAY","mercredi"],["THURSDAY","jeudi"],["FRIDAY","vendredi"],["SATURDAY","samedi"],["SUNDAY","dimanche"]];function oa(e){const t=(ie(e).getUTCDay()+6)%7;return Ve[t][0]}function ca(e){return Ve.find(([t])=>t===e)?.[1]??e}function de(){const e=crypto.getRandomValues(new Uint8Array(16));return Array.from(e,t=>t.toString(16).padStart(2,"0")).join("")}function la(e,t){const a=t.get("mois")??Ue().slice(0,7),i=t.get("enfant")??"";let n=[],o,d,f=!0,l;async function s(){try{const[r,p]=await Promise.all([n.length?void 0:S($t,{}),S(Nn,{from:`${a}-01`,to:ra(a),children:i?[i]:null})]);r&&(n=r.viewer.family?.children??[]),o=p.planning.occurrences,d=void 0}catch(r){d=I(r)}u(),f&&o&&(f=!1,performance.mark("creneau:planning-rendered"),e.querySelector(".planning")?.setAttribute("data-rendered","1"))}function b(r){const p=`${r.activity.name}, ${U(r.startTime)} – ${U(r.endTime)}, ${r.child.firstName} : ${r.statusLabel}`,$=c`<span class="symbol" aria-hidden="true">${At(r.status)}</span>
      <span class="slot-name">${r.activity.name}</span>
      <span class="slot-time">${U(r.startTime)} – ${U(r.endTime)}</span>
      <span class="slot-child">${r.child.firstName}</span>`,D={enfant:r.child.id,activite:r.activity.id,date:r.date,creneau:r.slotId};if(r.canReserve){const q=r.reserveWouldWaitList?" (liste d'attente)":"";return c`<a
        class="slot status-${r.status}"
        href=${x("/reservation",D)}
        aria-label=${`${p}. Réserver${q}`}
        title=${`${r.statusLabel} — réserver${q}`}
        >${$}</a
      >`}if(r.canCancel){const q=r.absenceWouldBeBilled?" (absence facturée)":"";return c`<a
        class="slot status-${r.status}"
        href=${x("/absence",D)}
        aria-label=${`${p}. Déclarer une absence${q}`}
        title=${`${r.statusLabel} — déclarer une absence${q}`}
        >${$}</a
      >`}const P=r.reserveBlockerLabel&&r.status==="AVAILABLE"?` (${r.reserveBlockerLabel})`:"";return c`<a
      class="slot status-${r.status}"
      href=${x("/creneau",D)}
      aria-label=${`${p}${P}. Historique`}
      title=${`${r.statusLabel}${P} — historique`}
      >${$}</a
    >`}function h(){if(!o)return K();if(!o.length)return c`<p>Aucune activité ce mois-ci.</p>`;const r=new Map;for(const p of o)r.set(p.date,[...r.get(p.date)??[],p]);return c`<ol class="days">
      ${[...r.entries()].map(([p,$])=>c`<li class="day">
          <h3>${Y(p)}</h3>
          <ul>
            ${$.map(D=>c`<li>${b(D)}</li>`)}
          </ul>
        </li>`)}
    </ol>`}function u(){O(c`<h1>Planning des activités — ${xe(a)}</h1>
        <div class="toolbar">
          <a class="button secondary" href=${x("/planning",{mois:Re(a,-1),enfant:i})}
            >← <span class="visually-hidden">Mois précédent : </span>${xe(Re(a,-1))}</a
          >
          <a class="button secondary" href=${x("/planning",{mois:Re(a,1),enfant:i})}
            ><span class="visually-hidden">Mois suivant : </span>${xe(Re(a,1))} →</a
          >
          <label for="child-filter">Enfant</label>
          <select
            id="child-filter"
            @change=${r=>Q("/planning",{mois:a,enfant:r.target.value})}
          >
            <option value="" ?selected=${!i}>Tous les enfants</option>
            ${n.map(r=>c`<option value=${r.id} ?selected=${r.id===i}>${r.firstName}</option>`)}
          </select>
          <a class="button" href=${x("/reservation",{enfant:i})}>Réservations</a>
          <a class="button" href=${x("/absence",{enfant:i})}>Absences</a>
        </div>
        ${V(d)} ${Zn()}
        <section class="planning" aria-label="Planning du mois">${h()}</section>`,e)}u(),Z(),s();const m=Ie(_n,{after:null},r=>r.planningChanged.cursor,()=>{window.clearTimeout(l),l=window.setTimeout(()=>{s()},300)});return()=>{window.clearTimeout(l),m()}}function st(e,t,a){const i=t.get("date")??"",n={child:t.get("enfant")??"",activity:t.get("activite")??"",from:i,to:i,weekdays:[],slot:t.get("creneau")??"",text:""};let o,d,f,l,s=!1,b=de();const h=a==="reservation"?"Réservation d'activité":"Déclaration d'absence";function u(){const v=o?.find(W=>W.id===n.child),g=Ue();return(v?.registrations??[]).filter(W=>W.status==="ACTIVE"&&W.endDate>=g)}function m(){const v=n.from===n.to,g={children:[n.child],activity:n.activity,slots:n.slot?[n.slot]:null,idempotencyKey:b,...v?{date:n.from}:{dates:{gte:n.from,lte:n.to}},...!v&&n.weekdays.length?{weekdays:n.weekdays}:{}};return a==="absence"?{...g,reason:n.text||null}:{...g,comment:n.text||null}}async function r(){s=!0,l=void 0,f=void 0,q();try{const v={input:m()};d=a==="reservation"?(await S(Tn,v)).reservationRequestPreview:(await S(En,v)).absenceRequestPreview,G(`Aperçu : ${d.lines.length} date(s).`)}catch(v){l=I(v)}s=!1,q(),e.querySelector("#preview-title")?.focus()}async function p(){s=!0,l=void 0,q();try{const v={input:m()};f=a==="reservation"?(await S(In,v)).reservationRequestCreate:(await S(kn,v)).absenceRequestCreate,d=void 0,b=de(),G(f.request?`Demande ${f.request.referenceLabel} enregistrée.`:"Demande refusée.")}catch(v){l=I(v)}s=!1,q(),e.querySelector("#result-title")?.focus()}function $(v,g){v==="weekdays"?n.weekdays=n.weekdays.includes(g)?n.weekdays.filter(W=>W!==g):[...n.weekdays,g]:n[v]=g,v==="child"&&(n.activity="",n.slot=""),v==="activity"&&(n.slot=""),v==="from"&&(!n.to||n.to<g)&&(n.to=g),d=void 0,f=void 0,q()}function D(){if(!d)return"";const v=d.errors.length===0&&d.lines.some(g=>g.outcome!=="REJECTED");return c`<section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title" tabindex="-1">Aperçu de la demande</h2>
      ${d.errors.map(g=>c`<p class="error" role="alert">${g.message}</p>`)}
      ${d.lines.length?c`<div class="table-wrap"><table class="stack">
            <caption class="visually-hidden">Résultat prévu pour chaque date</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">Créneau</th><th scope="col">Résultat</th><th scope="col">Prix</th><th scope="col">Détail</th></tr></thead>
            <tbody>
              ${d.lines.map(g=>c`<tr class=${`outcome-${g.outcome}`}>
                  <td data-label="Date">${sa(g.date)}</td>
                  <td data-label="Créneau">${g.slot?`${U(g.slot.startTime)} – ${U(g.slot.endTime)}`:"—"}</td>
                  <td data-label="Résultat">${g.outcomeLabel}</td>
                  <td data-label=${a==="absence"?"Facturation":"Prix"}>${a==="absence"?g.absenceWouldBeBilled?"facturée":"non facturée":$e(g.priceCents)}</td>
                  <td data-label="Détail">${g.message}</td>
                </tr>`)}
            </tbody>
          </table></div>
          ${a==="reservation"?c`<p>
                ${d.lines.filter(g=>g.outcome!=="REJECTED").length} date(s) sur
                ${d.lines.length} — montant estimé :
                <strong>${$e(d.lines.filter(g=>g.outcome!=="REJECTED").reduce((g,W)=>g+(W.priceCents??0),0))}</strong>
              </p>`:""}`:""}
      ${v?c`<button type="button" class="primary" ?disabled=${s} @click=${()=>{p()}}>
            Confirmer la demande
          </button>`:c`<p>Aucune date ne peut être demandée : modifiez votre choix.</p>`}
    </section>`}function P(){return f?c`<section class="card success" aria-labelledby="result-title">
      <h2 id="result-title" tabindex="-1">
        ${f.request?`Demande ${f.request.referenceLabel} : ${f.request.statusLabel}`:"Demande non enregistrée"}
      </h2>
      ${f.errors.map(v=>c`<p class="error" role="alert">${v.message}</p>`)}
      <ul>
        ${f.lines.map(v=>c`<li>${Y(v.date)} : ${v.outcomeLabel}${v.message?` — ${v.message}`:""}</li>`)}
      </ul>
      <p><a href=${x("/demandes")}>Suivre mes demandes</a> · <a href=${x("/planning",{mois:n.from.slice(0,7)})}>Retour au planning</a></p>
    </section>`:""}function q(){if(!o){O(c`<h1>${h}</h1>${V(l)}${K()}`,e);return}const v=u(),g=v.find(y=>y.activity.id===n.activity)?.activity,W=n.from!==""&&n.to!==""&&n.from!==n.to,me=n.child&&n.activity&&n.from&&n.to;O(c`<h1>${h}</h1>
        <form class="card" @submit=${y=>{y.preventDefault(),r()}}>
          ${V(l)}
          <label for="f-child">1. Enfant</label>
          <select id="f-child" required @change=${y=>$("child",y.target.value)}>
            <option value="" ?selected=${!n.child}>Choisir un enfant</option>
            ${o.map(y=>c`<option value=${y.id} ?selected=${y.id===n.child}>${y.firstName} ${y.lastName}</option>`)}
          </select>
          <label for="f-activity">2. Activité</label>
          <select id="f-activity" required ?disabled=${!n.child} @change=${y=>$("activity",y.target.value)}>
            <option value="" ?selected=${!n.activity}>Choisir une activité</option>
            ${v.map(y=>c`<option value=${y.activity.id} ?selected=${y.activity.id===n.activity}>${y.activity.name}</option>`)}
          </select>
          ${g?c`<p class="muted">Inscription du ${z(v.find(y=>y.activity.id===n.activity)?.startDate)} au ${z(v.find(y=>y.activity.id===n.activity)?.endDate)}</p>`:""}
          <fieldset>
            <legend>3. Dates</legend>
            <div class="row">
              <span><label for="f-from">Du</label>
              <input id="f-from" type="date" required .value=${n.from} @change=${y=>$("from",y.target.value)} /></span>
              <span><label for="f-to">Au</label>
              <input id="f-to" type="date" required .value=${n.to} min=${n.from} @change=${y=>$("to",y.target.value)} /></span>
            </div>
            ${W?c`<fieldset class="weekdays"><legend>Jours (aucun coché : tous)</legend>
                  ${Ve.slice(0,5).map(([y,re])=>c`<label class="check"><input type="checkbox" .checked=${n.weekdays.includes(y)} @change=${()=>$("weekdays",y)} /> ${re}</label>`)}
                </fieldset>`:""}
          </fieldset>
          ${g&&g.slots.length>1?c`<label for="f-slot">Créneau</label>
                <select id="f-slot" @change=${y=>$("slot",y.target.value)}>
                  <option value="" ?selected=${!n.slot}>Tous les créneaux de l'activité</option>
                  ${g.slots.map(y=>c`<option value=${y.id} ?selected=${y.id===n.slot}>${ca(y.weekday)} ${U(y.startTime)} – ${U(y.endTime)}</option>`)}
                </select>`:""}
          <label for="f-text">${a==="absence"?"Motif (facultatif)":"Commentaire (facultatif)"}</label>
          <input id="f-text" type="text" maxlength="500" .value=${n.text} @change=${y=>$("text",y.target.value)} />
          <button type="submit" ?disabled=${!me||s}>${s?"Patientez…":"Voir l'aperçu"}</button>
        </form>
        ${D()} ${P()}`,e)}return q(),Z(),(async()=>{try{o=(await S($t,{})).viewer.family?.children??[],!n.child&&o.length===1&&(n.child=o[0].id)}catch(v){l=I(v)}q(),n.child&&n.activity&&n.from&&await r()})(),()=>{}}function qt(e){const t=[e.typeLabel,e.activity?.name,e.child?.firstName].filter(Boolean).join(" — ");return e.periodStart&&e.periodEnd?e.periodStart===e.periodEnd?`${t} (${z(e.periodStart)})`:`${t} (du ${z(e.periodStart)} au ${z(e.periodEnd)})`:t}function da(e,t){const a=t.get("etat")??"";let i,n=0,o;const d=new Set;let f;async function l(){try{const{requests:u}=await S(gt,{where:a?{stateGroup:a}:null,order:"NEWEST_FIRST",first:50});i=u.edges.map(m=>m.node),n=u.totalCount,o=void 0}catch(u){o=I(u)}b()}async function s(){const u=(i??[]).filter(m=>m.unreadMessageCount>0).map(m=>m.id);if(u.length)try{await S(yt,{requests:u}),await l(),G("Messages marqués comme lus.")}catch(m){o=I(m),b()}}function b(){O(c`<h1>Mes demandes${i?` (${n} résultat${n>1?"s":""})`:""}</h1>
        <div class="toolbar">
          <label for="state-filter">État</label>
          <select id="state-filter" @change=${u=>Q("/demandes",{etat:u.target.value})}>
            <option value="" ?selected=${!a}>Tous</option>
            <option value="IN_PROGRESS" ?selected=${a==="IN_PROGRESS"}>En cours</option>
            <option value="PROCESSED" ?selected=${a==="PROCESSED"}>Traité</option>
          </select>
          <button type="button" class="secondary" @click=${()=>{s()}}>Tout marquer comme lu</button>
        </div>
        ${V(o)}
        ${i?c`<div class="table-wrap"><table class="requests stack">
              <caption class="visually-hidden">Vos demandes, la plus récente d'abord</caption>
              <thead><tr><th scope="col">Réf.</th><th scope="col">Date</th><th scope="col">Description</th><th scope="col">Statut</th><th scope="col">Messages</th></tr></thead>
              <tbody>
                ${i.map(u=>c`<tr data-request=${u.id} class=${d.has(u.id)?"changed":""}>
                    <td data-label="Réf."><a href=${x("/demande",{id:u.id})}>${u.referenceLabel}</a></td>
                    <td data-label="Date">${ae(u.createdAt)}</td>
                    <td data-label="Description">${qt(u)}</td>
                    <td data-label="Statut" class="status" data-status=${u.status}>${u.statusLabel}</td>
                    <td data-label="Messages">${u.unreadMessageCount?c`<strong>${u.unreadMessageCount} nouveau(x) message(s)</strong>`:""}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:K()}`,e)}b(),Z(),l();const h=Ie(vt,{after:null},u=>u.requestStatusChanged.cursor,({requestStatusChanged:u})=>{G(`Demande ${u.referenceLabel} : ${u.stepLabel} — ${u.statusLabel}`);const m=i?.find(r=>r.id===u.request?.id);m&&u.request&&(m.status=u.request.status,m.statusLabel=u.request.statusLabel,d.add(m.id),b()),window.clearTimeout(f),f=window.setTimeout(()=>{l()},500)},u=>{o=u,b()});return()=>{window.clearTimeout(f),h()}}function Rt(e,t){const a=t.get("id")??"",i=bt(ue());let n,o,d=!1,f=de();async function l(){try{const{node:m}=await S(xn,{id:a});!m||!("referenceLabel"in m)?o="Demande introuvable.":(n=m,n.unreadMessageCount>0&&await S(yt,{requests:[a]}))}catch(m){o=I(m)}h()}async function s(m){m.preventDefault();const r=m.target,p=String(new FormData(r).get("body")??"").trim();if(p){d=!0,h();try{const{requestMessagePost:$}=await S(Pn,{input:{request:a,body:p,idempotencyKey:f}}),D=$.errors[0];D?o=D.message:(r.reset(),f=de(),G("Message envoyé."),await l())}catch($){o=I($)}d=!1,h()}}async function b(){d=!0,h();try{const m=(await S(Wn,{request:a})).requestCancel.errors[0];o=m?.message,m||G("Demande annulée."),await l()}catch(m){o=I(m)}d=!1,h()}function h(){if(!n){O(c`<h1>Demande</h1>${V(o)}${o?"":K()}`,e);return}const m=n,r=m.status==="PENDING"||m.status==="TRANSMITTED";O(c`<h1>Demande ${m.referenceLabel}</h1>
        <p><a href=${x(i?"/agent/demandes":"/demandes")}>← ${i?"Demandes à traiter":"Mes demandes"}</a></p>
        ${V(o)}
        <section class="card">
          <dl class="facts">
            <dt>Type</dt><dd>${m.typeLabel}</dd>
            <dt>Statut</dt><dd class="status" data-status=${m.status}>${m.statusLabel}</dd>
            ${m.child?c`<dt>Enfant</dt><dd>${m.child.firstName} ${m.child.lastName}</dd>`:""}
            ${m.activity?c`<dt>Activité</dt><dd>${m.activity.name} (${m.activity.establishment.name})</dd>`:""}
            ${m.periodStart?c`<dt>Période</dt><dd>du ${z(m.periodStart)} au ${z(m.periodEnd)}</dd>`:""}
            ${m.reason?c`<dt>Raison</dt><dd>${m.reason}</dd>`:""}
            ${m.comment?c`<dt>Commentaire</dt><dd>${m.comment}</dd>`:""}
          </dl>
          ${r&&!i?c`<button type="button" class="secondary" ?disabled=${d} @click=${()=>{b()}}>Annuler la demande</button>`:""}
        </section>
        ${m.lines.length?c`<section class="card"><h2>Dates</h2><ul>
              ${m.lines.map(p=>c`<li>${Y(p.date)} — ${p.actionLabel} : <strong>${p.statusLabel}</strong>${p.message?` (${p.message})`:""}</li>`)}
            </ul></section>`:""}
        ${m.changes.length?c`<section class="card"><h2>Modifications demandées</h2><ul>
              ${m.changes.map(p=>c`<li>${p.label} : ${p.currentValue??"—"} → <mark>${p.proposedValue??"—"}</mark></li>`)}
            </ul></section>`:""}
        <section class="card"><h2>Historique de la demande</h2><ol class="history">
          ${m.history.map(p=>c`<li><time datetime=${p.at}>${ae(p.at)}</time> — ${p.label}${p.label.includes(p.statusLabel)?"":c`<br />Statut : ${p.statusLabel}`}${p.note?c`<br />${p.note}`:""}</li>`)}
        </ol></section>
        <section class="card" aria-labelledby="messages-title"><h2 id="messages-title">Messages</h2>
          ${m.messages.length?c`<ol class="messages">
                ${m.messages.map(p=>c`<li class=${p.fromStaff?"from-staff":"from-family"}>
                  <p class="muted">${p.fromStaff?"La collectivité":"La famille"} — ${ae(p.createdAt)}${p.subject?` — ${p.subject}`:""}</p>
                  <p class="message-body">${p.body}</p>
                </li>`)}
              </ol>`:c`<p class="muted">Aucun message.</p>`}
          <form @submit=${p=>{s(p)}}>
            <label for="message-body">Votre message</label>
            <textarea id="message-body" name="body" rows="3" maxlength="2000" required></textarea>
            <button type="submit" ?disabled=${d}>Envoyer</button>
          </form>
        </section>`,e)}return h(),Z(),l(),Ie(vt,{after:null},m=>m.requestStatusChanged.cursor,({requestStatusChanged:m})=>{m.request?.id===a&&l()})}function ua(e){let t,a=0,i,n="";async function o(){try{const{invoices:s}=await S(Mn,{first:50});t=s.edges.map(b=>b.node),a=s.totalCount}catch(s){i=I(s)}l()}async function d(s){try{await Zt(s.pdfUrl,`facture-${s.number}.pdf`)}catch(b){i=I(b),l()}}async function f(s){n=s.id,i=void 0,l();try{const b=new URL("#/factures",window.location.href).href,{invoicePaymentStart:h}=await S(Bn,{invoice:s.id,returnUrl:b}),u=h.errors[0];if(u||!h.paymentUrl)i=u?.message??"Paiement impossible.";else{window.location.assign(h.paymentUrl);return}}catch(b){i=I(b)}n="",l()}function l(){O(c`<h1>Historique des factures${t?` (${a} résultat${a>1?"s":""})`:""}</h1>
        ${V(i)}
        ${t?t.length===0?c`<p>Aucune facture.</p>`:c`<div class="table-wrap"><table class="stack">
                <caption class="visually-hidden">Vos factures, la plus récente d'abord</caption>
                <thead><tr><th scope="col">Date</th><th scope="col">Numéro</th><th scope="col">Échéance</th><th scope="col">Émetteur</th><th scope="col">Montant</th><th scope="col">Reste à payer</th><th scope="col">Statut</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  ${t.map(s=>c`<tr>
                      <td data-label="Date">${z(s.issuedOn)}</td>
                      <td data-label="Numéro"><span>${s.number}<br /><span class="muted">${s.kindLabel}</span></span></td>
                      <td data-label="Échéance">${z(s.dueOn)}</td>
                      <td data-label="Émetteur">${s.issuer}</td>
                      <td data-label="Montant">${$e(s.totalCents)}</td>
                      <td data-label="Reste à payer">${$e(s.remainingCents)}</td>
                      <td data-label="Statut"><div>${s.statusLabel}
                        ${s.payments.length?c`<ul class="payments">${s.payments.map(b=>c`<li>${z(b.paidOn)} — ${b.methodLabel} n° ${b.operationNumber} : ${$e(b.amountCents)}</li>`)}</ul>`:""}</div></td>
                      <td data-label="Actions" class="actions">
                        <button type="button" class="secondary" @click=${()=>{d(s)}} aria-label=${`PDF de la facture ${s.number}`}>PDF</button>
                        ${s.canPayOnline?c`<button type="button" ?disabled=${n===s.id} @click=${()=>{f(s)}} aria-label=${`Payer en ligne la facture ${s.number}`}>Payer en ligne</button>`:""}
                      </td>
                    </tr>`)}
                </tbody>
              </table></div>`:K()}`,e)}return l(),Z(),o(),()=>{}}function it(e){return e.length?c`<ul class="pending" aria-label="Modifications en attente de validation">
    ${e.map(t=>c`<li><mark>${t.label} : ${t.currentValue??"—"} → ${t.proposedValue??"—"} (en attente de validation)</mark></li>`)}
  </ul>`:""}function ma(e){let t,a,i,n=de();async function o(){try{t=(await S(On,{})).viewer.family}catch(l){a=I(l)}f()}async function d(l,s){l.preventDefault();const b=new FormData(l.target),h=String(b.get("mobilePhone")??"").trim();a=void 0,i=void 0;try{const{guardianChangeRequestCreate:u}=await S(Fn,{input:{guardian:s,changes:{mobilePhone:h},idempotencyKey:n}}),m=u.errors[0];if(m)a=m.message;else{n=de(),i="Demande de modification envoyée : elle s'affiche en jaune jusqu'à sa validation.",G(i),await o();return}}catch(u){a=I(u)}f()}function f(){if(t===void 0){O(c`<h1>Dossier famille</h1>${V(a)}${a?"":K()}`,e);return}if(t===null){O(c`<h1>Dossier famille</h1><p>Aucun dossier famille n'est rattaché à ce compte.</p>`,e);return}const l=t;O(c`<h1>Dossier famille — ${l.name}</h1>
        ${V(a)} ${i?c`<p class="notice" role="status">${i}</p>`:""}
        <section class="card">
          <dl class="facts">
            <dt>Code abonné</dt><dd>${l.subscriberCode??"—"}</dd>
            <dt>Statut du dossier</dt><dd>${l.statusLabel}</dd>
            <dt>Prélèvement automatique</dt><dd>${l.directDebit?"oui":"non"}</dd>
          </dl>
        </section>
        ${l.pendingChanges.length?c`<section class="card"><h2>Modifications en attente</h2><ul>
              ${l.pendingChanges.map(s=>c`<li><mark>${s.subject?`${s.subject} — `:""}${s.label} : ${s.currentValue??"—"} → ${s.proposedValue??"—"}</mark>
                (<a href=${x("/demande",{id:s.request.id})}>demande ${s.request.referenceLabel}</a>, ${s.request.statusLabel})</li>`)}
            </ul></section>`:""}
        <h2>Responsables</h2>
        ${l.guardians.map(s=>c`<section class="card" aria-label=${`${s.firstName} ${s.lastName}`}>
            <h3>${s.firstName} ${s.lastName}${s.relationshipLabel?` (${s.relationshipLabel})`:""}</h3>
            <dl class="facts">
              <dt>E-mail</dt><dd>${s.email??"—"}</dd>
              <dt>Téléphone</dt><dd>${s.phone??"—"}</dd>
              <dt>Portable</dt><dd>${s.mobilePhone??"—"}</dd>
              <dt>Adresse</dt><dd>${[s.address.line1,s.address.postalCode,s.address.city].filter(Boolean).join(", ")||"—"}</dd>
              <dt>Payeur</dt><dd>${s.isPayer?"oui":"non"}</dd>
              <dt>Allocataire CAF / MSA</dt><dd>${s.isAllocataire?"oui":"non"}</dd>
            </dl>
            ${it(s.pendingChanges)}
            <form class="inline" @submit=${b=>{d(b,s.id)}}>
              <label for=${`mobile-${s.id}`}>Nouveau numéro de portable</label>
              <input id=${`mobile-${s.id}`} name="mobilePhone" type="tel" autocomplete="tel" required />
              <button type="submit" class="secondary">Demander la modification</button>
            </form>
          </section>`)}
        <h2>Enfants</h2>
        ${l.children.map(s=>c`<section class="card" aria-label=${`${s.firstName} ${s.lastName}`}>
            <h3>${s.firstName} ${s.lastName}</h3>
            <dl class="facts">
              <dt>Date de naissance</dt><dd>${z(s.birthDate)}</dd>
              <dt>Classe</dt><dd>${s.gradeLabel??"—"}</dd>
              <dt>École</dt><dd>${s.school?.name??"—"}</dd>
            </dl>
            ${it(s.pendingChanges)}
          </section>`)}`,e)}return f(),Z(),o(),()=>{}}const pa=new Set(["PENDING","WAITING_LIST"]);function fa(e){let t,a=0,i,n,o="",d="",f;async function l(){try{const{requests:r}=await S(gt,{where:{stateGroup:"IN_PROGRESS"},order:"OLDEST_FIRST",first:50});t=r.edges.map(p=>p.node),a=r.totalCount}catch(r){i=I(r)}u()}async function s(r,p){d=p?.id??r.id,i=void 0,u();try{const $={request:r.id,lines:p?[p.id]:null},D=(await S(Vn,{input:$})).requestAccept.errors[0];D?i=D.message:(n=`Demande ${r.referenceLabel} : ${p?`${Y(p.date)} acceptée`:"acceptée"}.`,G(n)),await l()}catch($){i=I($)}d="",u()}async function b(r,p,$){r.preventDefault();const D=String(new FormData(r.target).get("message")??"").trim();d=$?.id??p.id,i=void 0,u();try{const P={request:p.id,lines:$?[$.id]:null,message:D},q=(await S(Hn,{input:P})).requestRefuse.errors[0];q?i=q.message:(o="",n=`Demande ${p.referenceLabel} : ${$?`${Y($.date)} refusée`:"refusée"}.`,G(n)),await l()}catch(P){i=I(P)}d="",u()}function h(r,p,$){const D=p?.id??r.id;return c`<span class="decision">
      ${p&&p.status!=="PENDING"?"":c`<button type="button" ?disabled=${d===D} @click=${()=>{s(r,p)}} aria-label=${`Accepter ${$}`}>Accepter</button>`}
      <button type="button" class="secondary" ?disabled=${d===D} @click=${()=>{o=D,u(),e.querySelector(`#refuse-${CSS.escape(D)}`)?.focus()}} aria-label=${`Refuser ${$}`}>Refuser</button>
      ${o===D?c`<form class="inline" @submit=${P=>{b(P,r,p)}}>
            <label for=${`refuse-${D}`}>Motif du refus (envoyé à la famille)</label>
            <input id=${`refuse-${D}`} name="message" required maxlength="500" />
            <button type="submit">Confirmer le refus</button>
            <button type="button" class="link" @click=${()=>{o="",u()}}>Annuler</button>
          </form>`:""}
    </span>`}function u(){O(c`<h1>Demandes à traiter${t?` (${a})`:""}</h1>
        <p class="muted">Mise à jour en direct : les nouvelles demandes arrivent et les demandes traitées disparaissent sans recharger la page.</p>
        ${V(i)} ${n?c`<p class="notice">${n}</p>`:""}
        ${t?t.length===0?c`<p>Aucune demande en attente.</p>`:c`<ol class="inbox">
                ${t.map(r=>{const p=r.lines.filter($=>pa.has($.status));return c`<li class="card" data-request=${r.id}>
                    <h2><a href=${x("/agent/demande",{id:r.id})}>Demande ${r.referenceLabel}</a> — ${r.family?.name??""}</h2>
                    <p>${qt(r)} · reçue le ${ae(r.createdAt)} · <span class="status">${r.statusLabel}</span></p>
                    ${p.length?c`<ul class="lines">
                          ${p.map($=>c`<li data-line=${$.id}>
                            <span>${Y($.date)}${$.slot?` ${U($.slot.startTime)} – ${U($.slot.endTime)}`:""} — ${$.child?.firstName??""} — ${$.actionLabel} : ${$.statusLabel}</span>
                            ${h(r,$,`le ${Y($.date)} de la demande ${r.referenceLabel}`)}
                          </li>`)}
                        </ul>`:c`<div>${h(r,void 0,`la demande ${r.referenceLabel}`)}</div>`}
                  </li>`})}
              </ol>`:K()}`,e)}u(),Z(),l();const m=Ie(Un,{after:null},r=>r.staffInbox.cursor,({staffInbox:r})=>{G(`Demande ${r.referenceLabel} : ${r.stepLabel}`),window.clearTimeout(f),f=window.setTimeout(()=>{l()},300)},r=>{i=r,u()});return()=>{window.clearTimeout(f),m()}}function ba(e){const t=[e.hasPai?"PAI":"",e.foodAllergies??"",e.otherAllergies??""].filter(Boolean);return t.length?t.join(" ; "):"—"}function ha(e){return c`<ul class="contacts">
    ${e.contacts.map(t=>{const a=t.mobilePhone??t.phone;return c`<li>${t.firstName} ${t.lastName}${t.relationshipLabel?` (${t.relationshipLabel})`:""}${a?c` : <a href=${`tel:${a}`}>${a}</a>`:""}</li>`})}
  </ul>`}function $a(e,t){const a=t.get("date")??Ue(),i=t.get("activite")??"",n=t.get("creneau")??"";let o,d,f,l="";async function s(){try{o=(await S(jn,{})).activities.edges.map(u=>u.node).filter(u=>u.isActive&&u.schoolYear.startDate<=a&&a<=u.schoolYear.endDate),i&&n&&(d=(await S(Gn,{slot:n,date:a})).attendanceSheet)}catch(u){f=I(u)}h()}async function b(u,m){l=u.child.id,f=void 0,h();try{const r=(await S(zn,{input:{slot:n,date:a,marks:[{child:u.child.id,present:m}]}})).attendanceMark.errors[0];r?f=r.message:G(`${u.child.firstName} ${u.child.lastName} : ${m?"présent":"absent"}.`),await s()}catch(r){f=I(r)}l="",h()}function h(){const u=o?.find(r=>r.id===i),m=(u?.slots??[]).filter(r=>r.weekday===oa(a));O(c`<h1>Pointage du ${Y(a)}</h1>
        <form class="card toolbar" @submit=${r=>r.preventDefault()}>
          <span><label for="a-date">Date</label>
          <input id="a-date" type="date" .value=${a} @change=${r=>Q("/agent/pointage",{date:r.target.value,activite:i})} /></span>
          <span><label for="a-activity">Activité</label>
          <select id="a-activity" @change=${r=>Q("/agent/pointage",{date:a,activite:r.target.value})}>
            <option value="">Choisir une activité</option>
            ${(o??[]).map(r=>c`<option value=${r.id} ?selected=${r.id===i}>${r.name} — ${r.establishment.name}</option>`)}
          </select></span>
          ${u?c`<span><label for="a-slot">Créneau</label>
                <select id="a-slot" @change=${r=>Q("/agent/pointage",{date:a,activite:i,creneau:r.target.value})}>
                  <option value="">${m.length?"Choisir un créneau":"Pas de créneau ce jour-là"}</option>
                  ${m.map(r=>c`<option value=${r.id} ?selected=${r.id===n}>${U(r.startTime)} – ${U(r.endTime)}</option>`)}
                </select></span>`:""}
        </form>
        ${V(f)}
        ${o?n?d===void 0?K():d===null?c`<p>Ce créneau est introuvable.</p>`:d.entries.length===0?c`<p>${d.runsOnDate?"Aucun enfant inscrit sur ce créneau ce jour-là.":"Ce créneau n'a pas lieu ce jour-là."}</p>`:c`<div class="table-wrap"><table>
                    <caption>${d.expectedCount} enfant(s) attendu(s) sur ${d.entries.length}</caption>
                    <thead><tr><th scope="col">Enfant</th><th scope="col">Statut</th><th scope="col">Santé</th><th scope="col">Contacts</th><th scope="col">Pointage</th></tr></thead>
                    <tbody>
                      ${d.entries.map(r=>c`<tr>
                        <td>${r.child.lastName} ${r.child.firstName}</td>
                        <td>${r.statusLabel}</td>
                        <td>${ba(r)}</td>
                        <td>${ha(r)}</td>
                        <td class="actions">
                          <button type="button" class="secondary" ?disabled=${l===r.child.id} aria-pressed=${r.status==="PRESENT"?"true":"false"} @click=${()=>{b(r,!0)}} aria-label=${`${r.child.firstName} ${r.child.lastName} présent`}>Présent</button>
                          <button type="button" class="secondary" ?disabled=${l===r.child.id} aria-pressed=${r.status==="ABSENT"||r.status==="ABSENT_BILLED"?"true":"false"} @click=${()=>{b(r,!1)}} aria-label=${`${r.child.firstName} ${r.child.lastName} absent`}>Absent</button>
                        </td>
                      </tr>`)}
                    </tbody>
                  </table></div>`:"":K()}`,e)}return h(),Z(),s(),()=>{}}function ga(e,t){const a=t.get("date")??"",i=t.get("enfant")??"",n=t.get("activite")??"",o=t.get("creneau")??"";let d,f;function l(){const s=d;if(!s){O(c`<h1>Créneau du ${a?Y(a):"—"}</h1>${V(f)}${f?"":K()}`,e);return}const b={enfant:s.child.id,activite:s.activity.id,date:s.date,creneau:s.slotId};O(c`<h1>${s.activity.name} — ${s.child.firstName}, ${Y(s.date)}</h1>
        <p><a href=${x("/planning",{mois:s.date.slice(0,7)})}>← Planning</a></p>
        <section class="card">
          <p class="slot status-${s.status}">
            <span class="symbol" aria-hidden="true">${At(s.status)}</span>
            <span>${s.statusLabel}</span><span class="slot-time">${U(s.startTime)} – ${U(s.endTime)}</span>
          </p>
          <dl class="facts">
            <dt>Réservation possible jusqu'au</dt><dd>${ae(s.bookingDeadline)}</dd>
            <dt>Annulation sans frais jusqu'au</dt><dd>${ae(s.cancellationDeadline)}</dd>
          </dl>
          ${s.canReserve?c`<a class="button" href=${x("/reservation",b)}>Réserver</a>`:""}
          ${s.canCancel?c`<a class="button" href=${x("/absence",b)}>Déclarer une absence${s.absenceWouldBeBilled?" (facturée)":""}</a>`:""}
          ${!s.canReserve&&!s.canCancel?c`<p class="muted">Aucune demande possible : ${ia(s.cancelBlockerLabel??s.reserveBlockerLabel??"—")}.</p>`:""}
          ${s.pendingRequest?c`<p>En attente de validation :
                <a href=${x("/demande",{id:s.pendingRequest})}>demande ${s.pendingRequestReference??""}</a>.</p>`:""}
        </section>
        <section class="card" aria-labelledby="history-title">
          <h2 id="history-title">Historique</h2>
          ${s.history.length?c`<ol class="history">
                ${s.history.map(h=>c`<li>
                    <time datetime=${h.occurredAt}>${ae(h.occurredAt)}</time> — ${h.kindLabel}
                    ${h.request&&h.requestReference?c`(<a href=${x("/demande",{id:h.request})}>demande ${h.requestReference}</a>)`:""}
                  </li>`)}
              </ol>`:c`<p class="muted">Aucune action sur ce créneau.</p>`}
        </section>`,e)}return l(),Z(),(async()=>{try{const{planning:s}=await S(Yn,{date:a,child:i,activity:n});d=s.occurrences.find(b=>b.slotId===o&&b.child.id===i),d||(f="Ce créneau n'existe pas (ou plus) dans le planning.")}catch(s){f=I(s)}l(),Z()})(),()=>{}}const ya={"/planning":["Planning",la],"/creneau":["Créneau",ga],"/reservation":["Réserver",(e,t)=>st(e,t,"reservation")],"/absence":["Absence",(e,t)=>st(e,t,"absence")],"/demandes":["Mes demandes",da],"/demande":["Demande",Rt],"/factures":["Factures",ua],"/dossier":["Dossier famille",ma]},va={"/agent/demandes":["Demandes à traiter",fa],"/agent/pointage":["Pointage",$a],"/agent/demande":["Demande",Rt]},wa=["/planning","/reservation","/absence","/demandes","/factures","/dossier"],Aa=["/agent/demandes","/agent/pointage"],Ne=document.getElementById("app");let De=()=>{},Dt="",Le=0;async function rt(){try{const e=await S(Cn,{});Dt=e.collectivity.name,Le=e.viewer.unreadMessageCount}catch{return}Lt()}function Lt(){const e=Ne.querySelector(".brand-name");e&&(e.textContent=Dt||jt);const t=Ne.querySelector(".unread");t&&(t.textContent=Le?` (${Le} non lu${Le>1?"s":""})`:"")}async function qa(){try{await S(Sn,{})}catch{}Fe(),Q("/connexion")}function ot(e,t,a){const i=ue();return O(c`<a class="skip" href="#contenu" @click=${Ra}>Aller au contenu</a>
      <header class="top">
        <p class="brand">Espace famille <span class="muted">— <span class="brand-name"></span></span></p>
        ${i?c`<nav aria-label="Navigation principale">
              <ul>
                ${a.map(n=>c`<li>
                      <a href=${x(n)} aria-current=${n===e?"page":"false"}
                        >${t[n][0]}${n==="/demandes"?c`<span class="unread"></span>`:""}</a
                      >
                    </li>`)}
              </ul>
            </nav>
            <p class="who">
              ${i.name}
              <button type="button" class="link" @click=${()=>{qa()}}>Se déconnecter</button>
            </p>`:""}
      </header>
      <main id="contenu" tabindex="-1"></main>
      <div id="live-region" class="visually-hidden" aria-live="polite" role="status"></div>`,Ne),Lt(),Ne.querySelector("main")}function Ra(e){e.preventDefault(),document.getElementById("contenu")?.focus()}function St(){De(),De=()=>{};const{path:e,params:t}=Kn(),a=ue(),i=bt(a);if(!a||e==="/connexion"||e==="/agent"){if(a&&e!=="/agent"){Q(i?"/agent/demandes":"/planning");return}const f=ot(e,{},[]);rt(),document.title="Connexion — Espace famille",De=Jn(f,e==="/agent");return}const n=i?va:ya,o=n[e];if(!o){Q(i?"/agent/demandes":"/planning");return}const d=ot(e,n,i?Aa:wa);document.title=`${o[0]} — Espace famille`,De=o[1](d,t),rt()}window.addEventListener("hashchange",St);St();
