const xe=globalThis,Ke=e=>e,Le=xe.trustedTypes,Ze=Le?Le.createPolicy("lit-html",{createHTML:e=>e}):void 0,ct="$lit$",X=`lit$${Math.random().toFixed(9).slice(2)}$`,lt="?"+X,Nt=`<${lt}>`,se=document,ge=()=>se.createComment(""),ye=e=>e===null||typeof e!="object"&&typeof e!="function",Pe=Array.isArray,It=e=>Pe(e)||typeof e?.[Symbol.iterator]=="function",Ee=`[ 	
\f\r]`,pe=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Je=/-->/g,Qe=/>/g,ee=RegExp(`>|${Ee}(?:([^\\s"'>=/]+)(${Ee}*=${Ee}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Xe=/'/g,et=/"/g,dt=/^(?:script|style|textarea|title)$/i,Et=e=>(t,...a)=>({_$litType$:e,strings:t,values:a}),d=Et(1),ve=Symbol.for("lit-noChange"),_=Symbol.for("lit-nothing"),tt=new WeakMap,ne=se.createTreeWalker(se,129);function ut(e,t){if(!Pe(e)||!e.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ze!==void 0?Ze.createHTML(t):t}const kt=(e,t)=>{const a=e.length-1,i=[];let n,o=t===2?"<svg>":t===3?"<math>":"",l=pe;for(let b=0;b<a;b++){const c=e[b];let s,f,h=-1,u=0;for(;u<c.length&&(l.lastIndex=u,f=l.exec(c),f!==null);)u=l.lastIndex,l===pe?f[1]==="!--"?l=Je:f[1]!==void 0?l=Qe:f[2]!==void 0?(dt.test(f[2])&&(n=RegExp("</"+f[2],"g")),l=ee):f[3]!==void 0&&(l=ee):l===ee?f[0]===">"?(l=n??pe,h=-1):f[1]===void 0?h=-2:(h=l.lastIndex-f[2].length,s=f[1],l=f[3]===void 0?ee:f[3]==='"'?et:Xe):l===et||l===Xe?l=ee:l===Je||l===Qe?l=pe:(l=ee,n=void 0);const m=l===ee&&e[b+1].startsWith("/>")?" ":"";o+=l===pe?c+Nt:h>=0?(i.push(s),c.slice(0,h)+ct+c.slice(h)+X+m):c+X+(h===-2?b:m)}return[ut(e,o+(e[a]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),i]};class we{constructor({strings:t,_$litType$:a},i){let n;this.parts=[];let o=0,l=0;const b=t.length-1,c=this.parts,[s,f]=kt(t,a);if(this.el=we.createElement(s,i),ne.currentNode=this.el.content,a===2||a===3){const h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(n=ne.nextNode())!==null&&c.length<b;){if(n.nodeType===1){if(n.hasAttributes())for(const h of n.getAttributeNames())if(h.endsWith(ct)){const u=f[l++],m=n.getAttribute(h).split(X),r=/([.?@])?(.*)/.exec(u);c.push({type:1,index:o,name:r[2],strings:m,ctor:r[1]==="."?xt:r[1]==="?"?Pt:r[1]==="@"?_t:Ne}),n.removeAttribute(h)}else h.startsWith(X)&&(c.push({type:6,index:o}),n.removeAttribute(h));if(dt.test(n.tagName)){const h=n.textContent.split(X),u=h.length-1;if(u>0){n.textContent=Le?Le.emptyScript:"";for(let m=0;m<u;m++)n.append(h[m],ge()),ne.nextNode(),c.push({type:2,index:++o});n.append(h[u],ge())}}}else if(n.nodeType===8)if(n.data===lt)c.push({type:2,index:o});else{let h=-1;for(;(h=n.data.indexOf(X,h+1))!==-1;)c.push({type:7,index:o}),h+=X.length-1}o++}}static createElement(t,a){const i=se.createElement("template");return i.innerHTML=t,i}}function le(e,t,a=e,i){if(t===ve)return t;let n=i!==void 0?a._$Co?.[i]:a._$Cl;const o=ye(t)?void 0:t._$litDirective$;return n?.constructor!==o&&(n?._$AO?.(!1),o===void 0?n=void 0:(n=new o(e),n._$AT(e,a,i)),i!==void 0?(a._$Co??=[])[i]=n:a._$Cl=n),n!==void 0&&(t=le(e,n._$AS(e,t.values),n,i)),t}class Wt{constructor(t,a){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=a}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){const{el:{content:a},parts:i}=this._$AD,n=(t?.creationScope??se).importNode(a,!0);ne.currentNode=n;let o=ne.nextNode(),l=0,b=0,c=i[0];for(;c!==void 0;){if(l===c.index){let s;c.type===2?s=new Ae(o,o.nextSibling,this,t):c.type===1?s=new c.ctor(o,c.name,c.strings,this,t):c.type===6&&(s=new Mt(o,this,t)),this._$AV.push(s),c=i[++b]}l!==c?.index&&(o=ne.nextNode(),l++)}return ne.currentNode=se,n}p(t){let a=0;for(const i of this._$AV)i!==void 0&&(i.strings!==void 0?(i._$AI(t,i,a),a+=i.strings.length-2):i._$AI(t[a])),a++}}class Ae{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,a,i,n){this.type=2,this._$AH=_,this._$AN=void 0,this._$AA=t,this._$AB=a,this._$AM=i,this.options=n,this._$Cv=n?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode;const a=this._$AM;return a!==void 0&&t?.nodeType===11&&(t=a.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,a=this){t=le(this,t,a),ye(t)?t===_||t==null||t===""?(this._$AH!==_&&this._$AR(),this._$AH=_):t!==this._$AH&&t!==ve&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):It(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==_&&ye(this._$AH)?this._$AA.nextSibling.data=t:this.T(se.createTextNode(t)),this._$AH=t}$(t){const{values:a,_$litType$:i}=t,n=typeof i=="number"?this._$AC(t):(i.el===void 0&&(i.el=we.createElement(ut(i.h,i.h[0]),this.options)),i);if(this._$AH?._$AD===n)this._$AH.p(a);else{const o=new Wt(n,this),l=o.u(this.options);o.p(a),this.T(l),this._$AH=o}}_$AC(t){let a=tt.get(t.strings);return a===void 0&&tt.set(t.strings,a=new we(t)),a}k(t){Pe(this._$AH)||(this._$AH=[],this._$AR());const a=this._$AH;let i,n=0;for(const o of t)n===a.length?a.push(i=new Ae(this.O(ge()),this.O(ge()),this,this.options)):i=a[n],i._$AI(o),n++;n<a.length&&(this._$AR(i&&i._$AB.nextSibling,n),a.length=n)}_$AR(t=this._$AA.nextSibling,a){for(this._$AP?.(!1,!0,a);t!==this._$AB;){const i=Ke(t).nextSibling;Ke(t).remove(),t=i}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}}class Ne{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,a,i,n,o){this.type=1,this._$AH=_,this._$AN=void 0,this.element=t,this.name=a,this._$AM=n,this.options=o,i.length>2||i[0]!==""||i[1]!==""?(this._$AH=Array(i.length-1).fill(new String),this.strings=i):this._$AH=_}_$AI(t,a=this,i,n){const o=this.strings;let l=!1;if(o===void 0)t=le(this,t,a,0),l=!ye(t)||t!==this._$AH&&t!==ve,l&&(this._$AH=t);else{const b=t;let c,s;for(t=o[0],c=0;c<o.length-1;c++)s=le(this,b[i+c],a,c),s===ve&&(s=this._$AH[c]),l||=!ye(s)||s!==this._$AH[c],s===_?t=_:t!==_&&(t+=(s??"")+o[c+1]),this._$AH[c]=s}l&&!n&&this.j(t)}j(t){t===_?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}}class xt extends Ne{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===_?void 0:t}}class Pt extends Ne{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==_)}}class _t extends Ne{constructor(t,a,i,n,o){super(t,a,i,n,o),this.type=5}_$AI(t,a=this){if((t=le(this,t,a,0)??_)===ve)return;const i=this._$AH,n=t===_&&i!==_||t.capture!==i.capture||t.once!==i.once||t.passive!==i.passive,o=t!==_&&(i===_||n);n&&this.element.removeEventListener(this.name,this,i),o&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}}class Mt{constructor(t,a,i){this.element=t,this.type=6,this._$AN=void 0,this._$AM=a,this.options=i}get _$AU(){return this._$AM._$AU}_$AI(t){le(this,t)}}const Ot=xe.litHtmlPolyfillSupport;Ot?.(we,Ae),(xe.litHtmlVersions??=[]).push("3.3.3");const B=(e,t,a)=>{const i=t;let n=i._$litPart$;return n===void 0&&(i._$litPart$=n=new Ae(t.insertBefore(ge(),null),null,void 0,{})),n._$AI(e),n};function F(e){return e===null?"null":Array.isArray(e)?"array":typeof e}function te(e){return F(e)==="object"}function Bt(e){return Array.isArray(e)&&e.length>0&&e.every(t=>"message"in t)}function nt(e,t){return e.length<124?e:t}const Ft="graphql-transport-ws";var H=(e=>(e[e.InternalServerError=4500]="InternalServerError",e[e.InternalClientError=4005]="InternalClientError",e[e.BadRequest=4400]="BadRequest",e[e.BadResponse=4004]="BadResponse",e[e.Unauthorized=4401]="Unauthorized",e[e.Forbidden=4403]="Forbidden",e[e.SubprotocolNotAcceptable=4406]="SubprotocolNotAcceptable",e[e.ConnectionInitialisationTimeout=4408]="ConnectionInitialisationTimeout",e[e.ConnectionAcknowledgementTimeout=4504]="ConnectionAcknowledgementTimeout",e[e.SubscriberAlreadyExists=4409]="SubscriberAlreadyExists",e[e.TooManyInitialisationRequests=4429]="TooManyInitialisationRequests",e))(H||{}),j=(e=>(e.ConnectionInit="connection_init",e.ConnectionAck="connection_ack",e.Ping="ping",e.Pong="pong",e.Subscribe="subscribe",e.Next="next",e.Error="error",e.Complete="complete",e))(j||{});function mt(e){if(!te(e))throw new Error(`Message is expected to be an object, but got ${F(e)}`);if(!e.type)throw new Error("Message is missing the 'type' property");if(typeof e.type!="string")throw new Error(`Message is expects the 'type' property to be a string, but got ${F(e.type)}`);switch(e.type){case"connection_init":case"connection_ack":case"ping":case"pong":{if(e.payload!=null&&!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object or nullish or missing, but got "${e.payload}"`);break}case"subscribe":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${F(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${F(e.payload)}`);if(typeof e.payload.query!="string")throw new Error(`"${e.type}" message payload expects the 'query' property to be a string, but got ${F(e.payload.query)}`);if(e.payload.variables!=null&&!te(e.payload.variables))throw new Error(`"${e.type}" message payload expects the 'variables' property to be a an object or nullish or missing, but got ${F(e.payload.variables)}`);if(e.payload.operationName!=null&&F(e.payload.operationName)!=="string")throw new Error(`"${e.type}" message payload expects the 'operationName' property to be a string or nullish or missing, but got ${F(e.payload.operationName)}`);if(e.payload.extensions!=null&&!te(e.payload.extensions))throw new Error(`"${e.type}" message payload expects the 'extensions' property to be a an object or nullish or missing, but got ${F(e.payload.extensions)}`);break}case"next":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${F(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${F(e.payload)}`);break}case"error":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${F(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!Bt(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an array of GraphQL errors, but got ${JSON.stringify(e.payload)}`);break}case"complete":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${F(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);break}default:throw new Error(`Invalid message 'type' property "${e.type}"`)}return e}function Vt(e,t){return mt(typeof e=="string"?JSON.parse(e,t):e)}function fe(e,t){return mt(e),JSON.stringify(e,t)}function Ut(e){const{url:t,connectionParams:a,lazy:i=!0,onNonLazyError:n=console.error,lazyCloseTimeout:o=0,keepAlive:l=0,disablePong:b,connectionAckWaitTimeout:c=0,retryAttempts:s=5,retryWait:f=async function(N){const w=Math.pow(2,N);await new Promise(S=>setTimeout(S,w*1e3+Math.floor(Math.random()*2700+300)))},shouldRetry:h=ke,on:u,webSocketImpl:m,generateID:r=function(){return"xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g,N=>{const w=Math.random()*16|0;return(N=="x"?w:w&3|8).toString(16)})},jsonMessageReplacer:p,jsonMessageReviver:$}=e;let R;if(m){if(!jt(m))throw new Error("Invalid WebSocket implementation provided");R=m}else typeof WebSocket<"u"?R=WebSocket:typeof global<"u"?R=global.WebSocket||global.MozWebSocket:typeof window<"u"&&(R=window.WebSocket||window.MozWebSocket);if(!R)throw new Error("WebSocket implementation missing; on Node you can `import WebSocket from 'ws';` and pass `webSocketImpl: WebSocket` to `createClient`");const P=R,q=(()=>{const A=(()=>{const w={};return{on(S,E){return w[S]=E,()=>{delete w[S]}},emit(S){"id"in S&&w[S.id]?.(S)}}})(),N={connecting:u?.connecting?[u.connecting]:[],opened:u?.opened?[u.opened]:[],connected:u?.connected?[u.connected]:[],ping:u?.ping?[u.ping]:[],pong:u?.pong?[u.pong]:[],message:u?.message?[A.emit,u.message]:[A.emit],closed:u?.closed?[u.closed]:[],error:u?.error?[u.error]:[]};return{onMessage:A.on,on(w,S){const E=N[w];return E.push(S),()=>{const k=E.indexOf(S);k>-1&&E.splice(k,1)}},emit(w,...S){for(const E of[...N[w]])E(...S)}}})();function v(A){const N=[q.on("error",w=>{N.forEach(S=>S()),A(w)}),q.on("closed",w=>{N.forEach(S=>S()),A(w)})];return()=>N.forEach(w=>w())}let g,W=0,me,y=!1,re=0,He=!1;async function je(){clearTimeout(me);const[A,N]=await(g??(g=new Promise((E,k)=>(async()=>{if(y){if(await f(re),!W)return g=void 0,k({code:1e3,reason:"All Subscriptions Gone"});re++}q.emit("connecting",y);const D=new P(typeof t=="function"?await t():t,Ft);let J,oe;function qe(){isFinite(l)&&l>0&&(clearTimeout(oe),oe=setTimeout(()=>{D.readyState===P.OPEN&&(D.send(fe({type:j.Ping})),q.emit("ping",!1,void 0))},l))}v(O=>{g=void 0,clearTimeout(J),clearTimeout(oe),k(O),O instanceof at&&(D.close(4499,"Terminated"),D.onerror=null,D.onclose=null)}),D.onerror=O=>q.emit("error",O),D.onclose=O=>q.emit("closed",O),D.onopen=async()=>{try{q.emit("opened",D);const O=typeof a=="function"?await a():a;if(D.readyState!==P.OPEN)return;D.send(fe(O?{type:j.ConnectionInit,payload:O}:{type:j.ConnectionInit},p)),isFinite(c)&&c>0&&(J=setTimeout(()=>{D.close(H.ConnectionAcknowledgementTimeout,"Connection acknowledgement timeout")},c)),qe()}catch(O){q.emit("error",O),D.close(H.InternalClientError,nt(O instanceof Error?O.message:String(O),"Internal client error"))}};let ce=!1;D.onmessage=({data:O})=>{try{const M=Vt(O,$);if(q.emit("message",M),M.type==="ping"||M.type==="pong"){q.emit(M.type,!0,M.payload),M.type==="pong"?qe():b||(D.send(fe(M.payload?{type:j.Pong,payload:M.payload}:{type:j.Pong},p)),q.emit("pong",!1,M.payload));return}if(ce)return;if(M.type!==j.ConnectionAck)throw new Error(`First message cannot be of type ${M.type}`);clearTimeout(J),ce=!0,q.emit("connected",D,M.payload,y),y=!1,re=0;const Ye=new Promise((La,Tt)=>v(Tt));Ye.catch(()=>{}),E([D,Ye])}catch(M){D.onmessage=null,q.emit("error",M),D.close(H.BadResponse,nt(M instanceof Error?M.message:String(M),"Bad response"))}}})())));A.readyState===P.CLOSING&&await N;let w=()=>{};const S=new Promise(E=>w=E);return[A,w,new Promise((E,k)=>{const D=v(k);A.readyState!==P.OPEN&&N.catch(k),S.then(()=>{if(D(),!W){const J=()=>A.close(1e3,"Normal Closure");isFinite(o)&&o>0?(clearTimeout(me),me=setTimeout(()=>{!W&&A.readyState===P.OPEN&&J()},o)):J()}E()})})]}function Ge(A){if(ke(A)&&(Ht(A.code)||[H.InternalServerError,H.InternalClientError,H.BadRequest,H.BadResponse,H.Unauthorized,H.SubprotocolNotAcceptable,H.SubscriberAlreadyExists,H.TooManyInitialisationRequests].includes(A.code)))throw A;if(He)return!1;if(ke(A)&&A.code===1e3)return W>0;if(!s||re>=s||!h(A))throw A;return y=!0}i||(async()=>{for(W++;;)try{const[,,A]=await je();await A}catch(A){try{if(!Ge(A))return}catch(N){return n?.(N)}}})();function ze(A,N){const w=r(A);let S=!1,E=!1,k=()=>{W--,S=!0};return(async()=>{for(W++;;)try{const[D,J,oe]=await je();if(S)return oe.catch(()=>{}),J();const qe=q.onMessage(w,ce=>{switch(ce.type){case j.Next:{N.next(ce.payload);return}case j.Error:{E=!0,S=!0,N.error(ce.payload),k();return}case j.Complete:{S=!0,k();return}}});D.send(fe({id:w,type:j.Subscribe,payload:A},p)),k=()=>{!S&&D.readyState===P.OPEN&&D.send(fe({id:w,type:j.Complete},p)),W--,S=!0,J()},await oe.finally(qe);return}catch(D){if(!Ge(D))return}})().then(()=>{E||N.complete()}).catch(D=>{N.error(D)}),()=>{S||k()}}return{on:q.on,subscribe:ze,iterate(A){const N=[],w={done:!1,error:null,resolve:()=>{}},S=ze(A,{next(k){N.push(k),w.resolve()},error(k){w.done=!0,w.error=k,w.resolve()},complete(){w.done=!0,w.resolve()}}),E=(async function*(){for(;;){for(N.length||await new Promise(D=>w.resolve=D);N.length;)yield N.shift();if(w.error)throw w.error;if(w.done)return}})();return E.throw=async k=>(w.done||(w.done=!0,w.error=k,w.resolve()),{done:!0,value:void 0}),E.return=async()=>(S(),{done:!0,value:void 0}),E},async dispose(){if(He=!0,g){const[A]=await g;A.close(1e3,"Normal Closure")}},terminate(){g&&q.emit("closed",new at)}}}class at extends Error{name="TerminatedCloseEvent";message="4499: Terminated";code=4499;reason="Terminated";wasClean=!1}function ke(e){return te(e)&&"code"in e&&"reason"in e}function Ht(e){return[1e3,1001,1006,1005,1012,1013,1014].includes(e)?!1:e>=1e3&&e<=1999}function jt(e){return typeof e=="function"&&"constructor"in e&&"CLOSED"in e&&"CLOSING"in e&&"CONNECTING"in e&&"OPEN"in e}const _e=window.location.pathname.split("/"),Ce=_e.indexOf("app",2),Gt=decodeURIComponent(Ce>1?_e[Ce-1]:"saint-ismier"),pt=`${Ce>1?_e.slice(0,Ce).join("/"):"/saint-ismier"}/graphql`,zt=`${window.location.protocol==="https:"?"wss":"ws"}://${window.location.host}${pt}`,Yt=document.querySelector('meta[name="creneau-trusted-documents"]')?.content==="require";function ft(e,t){const a=e.__meta__?.hash;return Yt&&a?{query:"",documentId:a,variables:t}:{query:e.toString(),variables:t}}const Me="creneau.token",Oe="creneau.role",Be="creneau.name";class be extends Error{constructor(t,a){super(t),this.code=a,this.name="ApiError"}code}function ue(){const e=sessionStorage.getItem(Me);if(e)return{token:e,role:sessionStorage.getItem(Oe)??"PARENT",name:sessionStorage.getItem(Be)??""}}function Kt(e){sessionStorage.setItem(Me,e.token),sessionStorage.setItem(Oe,e.role),sessionStorage.setItem(Be,e.name),ht()}function Fe(){sessionStorage.removeItem(Me),sessionStorage.removeItem(Oe),sessionStorage.removeItem(Be),ht()}function bt(e){return e?.role==="STAFF"||e?.role==="ADMIN"}async function L(e,t){const a={"content-type":"application/json",accept:"application/graphql-response+json, application/json;q=0.9"},i=ue()?.token;i&&(a.authorization=`Bearer ${i}`);let n;try{n=await fetch(pt,{method:"POST",headers:a,body:JSON.stringify(ft(e,t),(b,c)=>b==="query"&&c===""?void 0:c)})}catch{throw new be("Le serveur ne répond pas. Vérifiez votre connexion.","NETWORK")}let o;try{o=await n.json()}catch{throw new be(`Réponse inattendue du serveur (HTTP ${n.status}).`,void 0)}const l=o.errors?.[0];if(l)throw l.extensions?.code==="UNAUTHENTICATED"&&i&&(Fe(),window.location.hash="#/connexion"),new be(l.message,l.extensions?.code);if(o.data==null)throw new be(`Réponse vide du serveur (HTTP ${n.status}).`,void 0);return o.data}let he;function ht(){const e=he;he=void 0,e?.dispose()}function Zt(){return he||(he=Ut({url:zt,lazy:!0,connectionParams:()=>{const e=ue()?.token;return e?{authToken:e}:{}},retryAttempts:0})),he}function Ie(e,t,a,i,n=()=>{}){let o=t.after??null,l=!1,b=()=>{};const c=()=>{b=Zt().subscribe(ft(e,{...t,after:o}),{next:s=>{const f=s.errors?.[0];f?n(f.message):s.data&&(o=a(s.data),i(s.data))},error:s=>{if(Array.isArray(s)){n(s[0]?.message??"Abonnement refusé.");return}if(s?.code===4403){l=!0,Fe(),window.location.hash="#/connexion";return}l||setTimeout(()=>!l&&c(),3e3)},complete:()=>{}})};return c(),()=>{l=!0,b()}}async function Jt(e,t){const a=ue()?.token,i=await fetch(e,{headers:a?{authorization:`Bearer ${a}`}:{}});if(!i.ok)throw new be(`Téléchargement impossible (HTTP ${i.status}).`,void 0);const n=URL.createObjectURL(await i.blob()),o=document.createElement("a");o.href=n,o.download=t,document.body.append(o),o.click(),o.remove(),setTimeout(()=>URL.revokeObjectURL(n),6e4)}class C extends String{__apiType;value;__meta__;constructor(t,a){super(t),this.value=t,this.__meta__=a}toString(){return this.value}}const Qt=new C(`
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
    `,{hash:"sha256:bdd851576152e572d866746a41108db151641fe0ae47185d8e8bdae25f26494e"}),Xt=new C(`
    mutation WebLogout {
  logout {
    ok
  }
}
    `,{hash:"sha256:97c59e7946d02b8e99f4dda689af12c2401b143d06b396d21f087b20946ed332"}),en=new C(`
    query WebViewer {
  viewer {
    unreadMessageCount
  }
  collectivity {
    name
    serviceName
  }
}
    `,{hash:"sha256:f7b05a7826c8bc557ff3a3d97d28dad2bfc7647fc228467f24e553efe16e0b6b"}),tn=new C(`
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
    `,{hash:"sha256:3bae1623cee281c36c615ed3a410f333ab914fb3229da4ad36ee2f1311539db9"}),nn=new C(`
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
      reserveBlocker
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
    `,{hash:"sha256:e4fbc00dd521bbae70aae90c59bd14bdd2cc62584bd276d44be51facdfdff1f7"}),an=new C(`
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
    `,{hash:"sha256:5639de3463ab05de2acc67ea1746ce2d4944626d18d1196d8bd8c65ebc78b8af"}),sn=new C(`
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
    `,{hash:"sha256:4ecf82079b1af18d304c67906669c38433e8eb3b4b8c566d0b3f305454fcee97"}),rn=new C(`
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
    `,{hash:"sha256:8af3265acdf405c924c8531ed24cf803f62f312af537c363eb236f2dacc9c3ad"}),on=new C(`
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
    `,{hash:"sha256:46b85cc04a75b5ab596037ef2d3fade100f125ef070d214725f030b778b1ab0f"}),cn=new C(`
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
    `,{hash:"sha256:78fda22e49de7612a17691f63ec1cb23fc80757daeba68aabe754ec5beffa9b2"}),ln=new C(`
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
    `,{hash:"sha256:542b86431ef9c47eb28a932f5d6e6df6f04f0cb608321c7b46308060b4138a69"}),dn=new C(`
    mutation WebRequestCancel($request: ID!) {
  requestCancel(input: {request: $request}) {
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:a2bb8891c931779eb8e689479f34dc840a1ed4bec265d4e00e4732025fa47808"}),un=new C(`
    mutation WebMessagePost($input: RequestMessagePostInput!) {
  requestMessagePost(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:d9508a3ade68fb66b30571d7ff52eb47f49db5282cb4ad60f5932249e10061d5"}),mn=new C(`
    mutation WebMessagesMarkRead($requests: [ID!]!) {
  messagesMarkRead(input: {requests: $requests}) {
    errors {
      message
    }
  }
}
    `,{hash:"sha256:a37411cb2e160b9893627a8844d155d2c4b8ea4753a84a03cb73f3beac1dd6fd"}),pn=new C(`
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
    `,{hash:"sha256:a0a000d757e993e8b1c686a172252c3f23566cee1c57e35871af40e918fcc21e"}),fn=new C(`
    subscription WebPlanningChanged($after: String) {
  planningChanged(after: $after) {
    cursor
    date
    statusLabel
  }
}
    `,{hash:"sha256:389965ae91f1b6568b246ff0fa80fa80aeb64e788153422759ab61c3e50aa85b"}),bn=new C(`
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
    `,{hash:"sha256:9ed8b5a1025c2a49deed9e578d218700810cefbf9a6aafea57c417a0b72de2c0"}),hn=new C(`
    mutation WebPaymentStart($invoice: ID!) {
  invoicePaymentStart(input: {invoice: $invoice}) {
    paymentUrl
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:28ecac4450a173380b78eb073cf232e68ae7a52904bc99630a98130812cd0d38"}),$n=new C(`
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
    `,{hash:"sha256:edc290d4669b7c710216003002ef70aee30d63a1b923cf6b769b8279b8d8effc"}),gn=new C(`
    mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
  guardianChangeRequestCreate(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:f62d326a0aacb38df2269631e88bd8048741bde7ebdd400f741912f95cd8a915"}),yn=new C(`
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
    `,{hash:"sha256:20fa46666e61d27ad1b0010a2b676c51290bf1b079a87b8fc91f09f99a09e297"}),vn=new C(`
    mutation WebRequestAccept($input: RequestAcceptInput!) {
  requestAccept(input: $input) {
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:22eec8c5fab470a835b2551635a09520799e21c83e8e0a1e14d3f26ef6dcd3b6"}),wn=new C(`
    mutation WebRequestRefuse($input: RequestRefuseInput!) {
  requestRefuse(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:eab242912897c87f129e1972ec46c204b2343b5769685c21e5125f5189b1a4ab"}),An=new C(`
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
    `,{hash:"sha256:98d627a9d39f101b9756d6deb1351f273003c8035a93195a45aa9b4f066ba0dc"}),qn=new C(`
    query WebFamiliesChildren($after: String) {
  families(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        name
        children {
          id
        }
      }
    }
  }
}
    `,{hash:"sha256:08fcfedc214128c4da34d87f3d3d1a966206c5fb21c8c9ffd77607b22c994e83"}),Dn=new C(`
    query WebAttendancePlanning($date: Date!, $children: [ID!], $activities: [ID!]) {
  planning(
    range: {gte: $date, lte: $date}
    children: $children
    activities: $activities
  ) {
    occurrences {
      slotId
      date
      status
      statusLabel
      child {
        id
        firstName
        lastName
      }
    }
  }
}
    `,{hash:"sha256:5386dd6751085c626dd43653b57e35ae22a5dce6a2c4ca036999ece8dd12861e"}),Rn=new C(`
    mutation WebAttendanceMark($input: AttendanceMarkInput!) {
  attendanceMark(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:78032914f905d15ffd3d97799db5387bda31f728e46d82d67d8fb2caf5461a10"}),Sn=new C(`
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
      reserveBlocker
      cancelBlocker
      absenceWouldBeBilled
      bookingDeadline
      cancellationDeadline
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
    `,{hash:"sha256:644c1e5c41e4b13c01467436bfc261d47ac7500776b88c8003cc508a4a21f1db"}),Ln={"\n  mutation WebLogin($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      token\n      account {\n        firstName\n        lastName\n        role\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":Qt,"\n  mutation WebLogout {\n    logout {\n      ok\n    }\n  }\n":Xt,"\n  query WebViewer {\n    viewer {\n      unreadMessageCount\n    }\n    collectivity {\n      name\n      serviceName\n    }\n  }\n":en,"\n  query WebFamilyChildren {\n    viewer {\n      family {\n        id\n        children {\n          id\n          firstName\n          lastName\n          registrations {\n            id\n            status\n            startDate\n            endDate\n            activity {\n              id\n              name\n              code\n              slots {\n                id\n                weekday\n                startTime\n                endTime\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n":tn,"\n  query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {\n    planning(range: { gte: $from, lte: $to }, children: $children) {\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        reserveBlocker\n        reserveWouldWaitList\n        canCancel\n        absenceWouldBeBilled\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          name\n        }\n      }\n    }\n  }\n":nn,"\n  mutation WebReservationPreview($input: ReservationRequestCreateInput!) {\n    reservationRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        absenceWouldBeBilled\n        child {\n          firstName\n        }\n        slot {\n          startTime\n          endTime\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":an,"\n  mutation WebReservationCreate($input: ReservationRequestCreateInput!) {\n    reservationRequestCreate(input: $input) {\n      request {\n        id\n        referenceLabel\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":sn,"\n  mutation WebAbsencePreview($input: AbsenceRequestCreateInput!) {\n    absenceRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        absenceWouldBeBilled\n        child {\n          firstName\n        }\n        slot {\n          startTime\n          endTime\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":rn,"\n  mutation WebAbsenceCreate($input: AbsenceRequestCreateInput!) {\n    absenceRequestCreate(input: $input) {\n      request {\n        id\n        referenceLabel\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":on,"\n  query WebRequests($where: RequestFilter, $order: RequestOrder!, $first: Int!) {\n    requests(where: $where, order: $order, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          referenceLabel\n          type\n          typeLabel\n          status\n          statusLabel\n          createdAt\n          periodStart\n          periodEnd\n          unreadMessageCount\n          child {\n            firstName\n            lastName\n          }\n          activity {\n            name\n          }\n          family {\n            name\n          }\n          lines {\n            id\n            date\n            actionLabel\n            status\n            statusLabel\n            child {\n              firstName\n            }\n            slot {\n              startTime\n              endTime\n            }\n          }\n        }\n      }\n    }\n  }\n":cn,"\n  query WebRequestDetail($id: ID!) {\n    node(id: $id) {\n      ... on Request {\n        id\n        referenceLabel\n        typeLabel\n        status\n        statusLabel\n        createdAt\n        periodStart\n        periodEnd\n        comment\n        reason\n        unreadMessageCount\n        child {\n          firstName\n          lastName\n        }\n        activity {\n          name\n          establishment {\n            name\n          }\n        }\n        lines {\n          id\n          date\n          actionLabel\n          statusLabel\n          message\n        }\n        changes {\n          label\n          currentValue\n          proposedValue\n        }\n        history {\n          at\n          label\n          statusLabel\n          note\n        }\n        messages {\n          subject\n          body\n          fromStaff\n          createdAt\n        }\n      }\n    }\n  }\n":ln,"\n  mutation WebRequestCancel($request: ID!) {\n    requestCancel(input: { request: $request }) {\n      errors {\n        code\n        message\n      }\n    }\n  }\n":dn,"\n  mutation WebMessagePost($input: RequestMessagePostInput!) {\n    requestMessagePost(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":un,"\n  mutation WebMessagesMarkRead($requests: [ID!]!) {\n    messagesMarkRead(input: { requests: $requests }) {\n      errors {\n        message\n      }\n    }\n  }\n":mn,"\n  subscription WebRequestStatusChanged($after: String) {\n    requestStatusChanged(after: $after) {\n      cursor\n      step\n      stepLabel\n      status\n      statusLabel\n      referenceLabel\n      typeLabel\n      request {\n        id\n        status\n        statusLabel\n      }\n    }\n  }\n":pn,"\n  subscription WebPlanningChanged($after: String) {\n    planningChanged(after: $after) {\n      cursor\n      date\n      statusLabel\n    }\n  }\n":fn,"\n  query WebInvoices($first: Int!) {\n    invoices(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          kindLabel\n          issuer\n          periodStart\n          periodEnd\n          issuedOn\n          dueOn\n          totalCents\n          remainingCents\n          status\n          statusLabel\n          canPayOnline\n          pdfUrl\n          payments {\n            operationNumber\n            methodLabel\n            paidOn\n            amountCents\n          }\n        }\n      }\n    }\n  }\n":bn,"\n  mutation WebPaymentStart($invoice: ID!) {\n    invoicePaymentStart(input: { invoice: $invoice }) {\n      paymentUrl\n      errors {\n        code\n        message\n      }\n    }\n  }\n":hn,"\n  query WebFamilyFile {\n    viewer {\n      family {\n        id\n        name\n        subscriberCode\n        statusLabel\n        directDebit\n        guardians {\n          id\n          firstName\n          lastName\n          relationshipLabel\n          email\n          phone\n          mobilePhone\n          isPayer\n          isAllocataire\n          address {\n            line1\n            postalCode\n            city\n          }\n          pendingChanges {\n            label\n            currentValue\n            proposedValue\n          }\n        }\n        children {\n          id\n          firstName\n          lastName\n          birthDate\n          gradeLabel\n          school {\n            name\n          }\n          pendingChanges {\n            label\n            currentValue\n            proposedValue\n          }\n        }\n        pendingChanges {\n          label\n          subject\n          currentValue\n          proposedValue\n          request {\n            id\n            referenceLabel\n            statusLabel\n          }\n        }\n      }\n    }\n  }\n":$n,"\n  mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {\n    guardianChangeRequestCreate(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":gn,"\n  subscription WebStaffInbox($after: String) {\n    staffInbox(after: $after) {\n      cursor\n      step\n      stepLabel\n      referenceLabel\n      request {\n        id\n        status\n      }\n    }\n  }\n":yn,"\n  mutation WebRequestAccept($input: RequestAcceptInput!) {\n    requestAccept(input: $input) {\n      errors {\n        code\n        message\n      }\n    }\n  }\n":vn,"\n  mutation WebRequestRefuse($input: RequestRefuseInput!) {\n    requestRefuse(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":wn,"\n  query WebActivities {\n    activities(first: 100) {\n      edges {\n        node {\n          id\n          name\n          isActive\n          schoolYear {\n            startDate\n            endDate\n          }\n          establishment {\n            name\n          }\n          slots {\n            id\n            weekday\n            startTime\n            endTime\n          }\n        }\n      }\n    }\n  }\n":An,"\n  query WebFamiliesChildren($after: String) {\n    families(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          name\n          children {\n            id\n          }\n        }\n      }\n    }\n  }\n":qn,"\n  query WebAttendancePlanning($date: Date!, $children: [ID!], $activities: [ID!]) {\n    planning(range: { gte: $date, lte: $date }, children: $children, activities: $activities) {\n      occurrences {\n        slotId\n        date\n        status\n        statusLabel\n        child {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n":Dn,"\n  mutation WebAttendanceMark($input: AttendanceMarkInput!) {\n    attendanceMark(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":Rn,"\n  query WebOccurrence($date: Date!, $child: ID!, $activity: ID!) {\n    planning(range: { gte: $date, lte: $date }, children: [$child], activities: [$activity]) {\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        canCancel\n        reserveBlocker\n        cancelBlocker\n        absenceWouldBeBilled\n        bookingDeadline\n        cancellationDeadline\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          name\n        }\n        history {\n          kindLabel\n          occurredAt\n          request\n          requestReference\n        }\n      }\n    }\n  }\n":Sn};function T(e){return Ln[e]??{}}const Cn=T(`
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
`),Tn=T(`
  mutation WebLogout {
    logout {
      ok
    }
  }
`),Nn=T(`
  query WebViewer {
    viewer {
      unreadMessageCount
    }
    collectivity {
      name
      serviceName
    }
  }
`),$t=T(`
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
`),In=T(`
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
        reserveBlocker
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
`),En=T(`
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
`),kn=T(`
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
`),Wn=T(`
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
`),xn=T(`
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
`),gt=T(`
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
`),Pn=T(`
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
`),_n=T(`
  mutation WebRequestCancel($request: ID!) {
    requestCancel(input: { request: $request }) {
      errors {
        code
        message
      }
    }
  }
`),Mn=T(`
  mutation WebMessagePost($input: RequestMessagePostInput!) {
    requestMessagePost(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),yt=T(`
  mutation WebMessagesMarkRead($requests: [ID!]!) {
    messagesMarkRead(input: { requests: $requests }) {
      errors {
        message
      }
    }
  }
`),vt=T(`
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
`),On=T(`
  subscription WebPlanningChanged($after: String) {
    planningChanged(after: $after) {
      cursor
      date
      statusLabel
    }
  }
`),Bn=T(`
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
`),Fn=T(`
  mutation WebPaymentStart($invoice: ID!) {
    invoicePaymentStart(input: { invoice: $invoice }) {
      paymentUrl
      errors {
        code
        message
      }
    }
  }
`),Vn=T(`
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
`),Un=T(`
  mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
    guardianChangeRequestCreate(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),Hn=T(`
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
`),jn=T(`
  mutation WebRequestAccept($input: RequestAcceptInput!) {
    requestAccept(input: $input) {
      errors {
        code
        message
      }
    }
  }
`),Gn=T(`
  mutation WebRequestRefuse($input: RequestRefuseInput!) {
    requestRefuse(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),zn=T(`
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
`),Yn=T(`
  query WebFamiliesChildren($after: String) {
    families(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          name
          children {
            id
          }
        }
      }
    }
  }
`),Kn=T(`
  query WebAttendancePlanning($date: Date!, $children: [ID!], $activities: [ID!]) {
    planning(range: { gte: $date, lte: $date }, children: $children, activities: $activities) {
      occurrences {
        slotId
        date
        status
        statusLabel
        child {
          id
          firstName
          lastName
        }
      }
    }
  }
`),Zn=T(`
  mutation WebAttendanceMark($input: AttendanceMarkInput!) {
    attendanceMark(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),Jn=T(`
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
        reserveBlocker
        cancelBlocker
        absenceWouldBeBilled
        bookingDeadline
        cancellationDeadline
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
`);function Qn(){const e=window.location.hash.replace(/^#/,"")||"/",[t="/",a=""]=e.split("?");return{path:t,params:new URLSearchParams(a)}}function x(e,t={}){const a=new URLSearchParams;for(const[n,o]of Object.entries(t))o&&a.set(n,o);const i=a.toString();return`#${e}${i?`?${i}`:""}`}function Q(e,t={}){window.location.hash=x(e,t)}const wt=[{code:"AVAILABLE",symbol:"+",legend:"Réservable"},{code:"RESERVED",symbol:"✓",legend:"Activité réservée"},{code:"PRESENT",symbol:"●",legend:"Enfant présent"},{code:"PENDING",symbol:"…",legend:"Demande en attente de validation"},{code:"WAITING_LIST",symbol:"☰",legend:"Enfant en liste d'attente"},{code:"ABSENT",symbol:"✗",legend:"Enfant absent à cette activité"},{code:"ABSENT_BILLED",symbol:"€",legend:"Absence facturée"}];function At(e){return wt.find(t=>t.code===e)?.symbol??""}function Xn(){return d`<section class="legend" aria-labelledby="legend-title">
    <h2 id="legend-title" class="small-title">Légende</h2>
    <ul>
      ${wt.map(e=>d`<li><span class="slot status-${e.code}" aria-hidden="true">${e.symbol}</span> ${e.legend}</li>`)}
    </ul>
  </section>`}function U(e){return e?d`<p class="error" role="alert">${e}</p>`:""}function K(){return d`<p class="muted" role="status">Chargement…</p>`}function G(e){const t=document.getElementById("live-region");t&&(t.textContent=e)}function Z(){const e=document.querySelector("main h1");e&&(e.tabIndex=-1,e.focus())}function I(e){return e instanceof Error?e.message:String(e)}function ea(e,t){let a,i=!1;async function n(l){l.preventDefault();const b=new FormData(l.target);i=!0,a=void 0,o();try{const{login:c}=await L(Cn,{email:String(b.get("email")??""),password:String(b.get("password")??"")}),s=c.errors[0];if(s||!c.token||!c.account)a=s?.message??"Connexion refusée.";else{const f=c.account.role;Kt({token:c.token,role:f,name:`${c.account.firstName} ${c.account.lastName}`}),Q(f==="STAFF"||f==="ADMIN"?"/agent/demandes":"/planning");return}}catch(c){a=I(c)}i=!1,o(),e.querySelector("#email")?.focus()}function o(){B(d`<h1>${t?"Espace agents":"Connexion à l'espace famille"}</h1>
        <form class="card narrow" @submit=${l=>{n(l)}}>
          ${U(a)}
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
          ${t?d`Vous êtes parent ? <a href="#/connexion">Espace famille</a>`:d`Vous êtes agent de la collectivité ? <a href="#/agent">Espace agents</a>`}
        </p>`,e)}return o(),e.querySelector("#email")?.focus(),()=>{}}const ta=new Intl.NumberFormat("fr-FR",{style:"currency",currency:"EUR"}),na=new Intl.DateTimeFormat("fr-FR",{weekday:"long",day:"numeric",month:"long",timeZone:"UTC"}),aa=new Intl.DateTimeFormat("fr-FR",{weekday:"short",day:"2-digit",month:"2-digit",timeZone:"UTC"}),sa=new Intl.DateTimeFormat("fr-FR",{timeZone:"UTC"}),ia=new Intl.DateTimeFormat("fr-FR",{month:"long",year:"numeric",timeZone:"UTC"}),ra=new Intl.DateTimeFormat("fr-FR",{dateStyle:"medium",timeStyle:"short",timeZone:"Europe/Paris"});function ie(e){return new Date(`${e}T00:00:00Z`)}function $e(e){return e==null?"—":ta.format(e/100)}function Y(e){return na.format(ie(e))}function oa(e){return aa.format(ie(e))}function z(e){return e?sa.format(ie(e)):"—"}function ae(e){return ra.format(new Date(e))}function V(e){return e.slice(0,5)}function We(e){return ia.format(ie(`${e}-01`))}function Ve(){return new Intl.DateTimeFormat("en-CA",{timeZone:"Europe/Paris"}).format(new Date)}function De(e,t){const a=ie(`${e}-01`);return a.setUTCMonth(a.getUTCMonth()+t),a.toISOString().slice(0,7)}function ca(e){const t=ie(`${e}-01`);return t.setUTCMonth(t.getUTCMonth()+1,0),t.toISOString().slice(0,10)}const Ue=[["MONDAY","lundi"],["TUESDAY","mardi"],["WEDNESDAY","mercredi"],["THURSDAY","jeudi"],["FRIDAY","vendredi"],["SATURDAY","samedi"],["SUNDAY","dimanche"]];function la(e){const t=(ie(e).getUTCDay()+6)%7;return Ue[t][0]}function da(e){return Ue.find(([t])=>t===e)?.[1]??e}function de(){const e=crypto.getRandomValues(new Uint8Array(16));return Array.from(e,t=>t.toString(16).padStart(2,"0")).join("")}const qt={DEADLINE_PASSED:"délai dépassé",ALREADY_RESERVED:"déjà réservé",NOT_RESERVED:"pas de réservation",PENDING_REQUEST:"demande en cours",STARTED:"activité commencée",NOT_REGISTERED:"pas d'inscription",OUTSIDE_REGISTRATION_PERIOD:"hors période d'inscription",CLOSED_DAY:"jour de fermeture",NOT_ELIGIBLE:"non éligible",EXCLUSIVE_SLOT_TAKEN:"un autre créneau du groupe est réservé",SLOT_FULL:"complet",MONTHLY_LIMIT_REACHED:"nombre de jours du mois atteint"};function ua(e,t){const a=t.get("mois")??Ve().slice(0,7),i=t.get("enfant")??"";let n=[],o,l,b=!0,c;async function s(){try{const[r,p]=await Promise.all([n.length?void 0:L($t,{}),L(In,{from:`${a}-01`,to:ca(a),children:i?[i]:null})]);r&&(n=r.viewer.family?.children??[]),o=p.planning.occurrences,l=void 0}catch(r){l=I(r)}u(),b&&o&&(b=!1,performance.mark("creneau:planning-rendered"),e.querySelector(".planning")?.setAttribute("data-rendered","1"))}function f(r){const p=`${r.activity.name}, ${V(r.startTime)} – ${V(r.endTime)}, ${r.child.firstName} : ${r.statusLabel}`,$=d`<span class="symbol" aria-hidden="true">${At(r.status)}</span>
      <span class="slot-name">${r.activity.name}</span>
      <span class="slot-time">${V(r.startTime)} – ${V(r.endTime)}</span>
      <span class="slot-child">${r.child.firstName}</span>`,R={enfant:r.child.id,activite:r.activity.id,date:r.date,creneau:r.slotId};if(r.canReserve){const q=r.reserveWouldWaitList?" (liste d'attente)":"";return d`<a
        class="slot status-${r.status}"
        href=${x("/reservation",R)}
        aria-label=${`${p}. Réserver${q}`}
        title=${`${r.statusLabel} — réserver${q}`}
        >${$}</a
      >`}if(r.canCancel){const q=r.absenceWouldBeBilled?" (absence facturée)":"";return d`<a
        class="slot status-${r.status}"
        href=${x("/absence",R)}
        aria-label=${`${p}. Déclarer une absence${q}`}
        title=${`${r.statusLabel} — déclarer une absence${q}`}
        >${$}</a
      >`}const P=r.reserveBlocker&&r.status==="AVAILABLE"?` (${qt[r.reserveBlocker]??r.reserveBlocker})`:"";return d`<a
      class="slot status-${r.status}"
      href=${x("/creneau",R)}
      aria-label=${`${p}${P}. Historique`}
      title=${`${r.statusLabel}${P} — historique`}
      >${$}</a
    >`}function h(){if(!o)return K();if(!o.length)return d`<p>Aucune activité ce mois-ci.</p>`;const r=new Map;for(const p of o)r.set(p.date,[...r.get(p.date)??[],p]);return d`<ol class="days">
      ${[...r.entries()].map(([p,$])=>d`<li class="day">
          <h3>${Y(p)}</h3>
          <ul>
            ${$.map(R=>d`<li>${f(R)}</li>`)}
          </ul>
        </li>`)}
    </ol>`}function u(){B(d`<h1>Planning des activités — ${We(a)}</h1>
        <div class="toolbar">
          <a class="button secondary" href=${x("/planning",{mois:De(a,-1),enfant:i})}
            >← <span class="visually-hidden">Mois précédent : </span>${We(De(a,-1))}</a
          >
          <a class="button secondary" href=${x("/planning",{mois:De(a,1),enfant:i})}
            ><span class="visually-hidden">Mois suivant : </span>${We(De(a,1))} →</a
          >
          <label for="child-filter">Enfant</label>
          <select
            id="child-filter"
            @change=${r=>Q("/planning",{mois:a,enfant:r.target.value})}
          >
            <option value="" ?selected=${!i}>Tous les enfants</option>
            ${n.map(r=>d`<option value=${r.id} ?selected=${r.id===i}>${r.firstName}</option>`)}
          </select>
          <a class="button" href=${x("/reservation",{enfant:i})}>Réservations</a>
          <a class="button" href=${x("/absence",{enfant:i})}>Absences</a>
        </div>
        ${U(l)} ${Xn()}
        <section class="planning" aria-label="Planning du mois">${h()}</section>`,e)}u(),Z(),s();const m=Ie(On,{after:null},r=>r.planningChanged.cursor,()=>{window.clearTimeout(c),c=window.setTimeout(()=>{s()},300)});return()=>{window.clearTimeout(c),m()}}function st(e,t,a){const i=t.get("date")??"",n={child:t.get("enfant")??"",activity:t.get("activite")??"",from:i,to:i,weekdays:[],slot:t.get("creneau")??"",text:""};let o,l,b,c,s=!1,f=de();const h=a==="reservation"?"Réservation d'activité":"Déclaration d'absence";function u(){const v=o?.find(W=>W.id===n.child),g=Ve();return(v?.registrations??[]).filter(W=>W.status==="ACTIVE"&&W.endDate>=g)}function m(){const v=n.from===n.to,g={children:[n.child],activity:n.activity,slots:n.slot?[n.slot]:null,idempotencyKey:f,...v?{date:n.from}:{dates:{gte:n.from,lte:n.to}},...!v&&n.weekdays.length?{weekdays:n.weekdays}:{}};return a==="absence"?{...g,reason:n.text||null}:{...g,comment:n.text||null}}async function r(){s=!0,c=void 0,b=void 0,q();try{const v={input:m()};l=a==="reservation"?(await L(En,v)).reservationRequestPreview:(await L(Wn,v)).absenceRequestPreview,G(`Aperçu : ${l.lines.length} date(s).`)}catch(v){c=I(v)}s=!1,q(),e.querySelector("#preview-title")?.focus()}async function p(){s=!0,c=void 0,q();try{const v={input:m()};b=a==="reservation"?(await L(kn,v)).reservationRequestCreate:(await L(xn,v)).absenceRequestCreate,l=void 0,f=de(),G(b.request?`Demande ${b.request.referenceLabel} enregistrée.`:"Demande refusée.")}catch(v){c=I(v)}s=!1,q(),e.querySelector("#result-title")?.focus()}function $(v,g){v==="weekdays"?n.weekdays=n.weekdays.includes(g)?n.weekdays.filter(W=>W!==g):[...n.weekdays,g]:n[v]=g,v==="child"&&(n.activity="",n.slot=""),v==="activity"&&(n.slot=""),v==="from"&&(!n.to||n.to<g)&&(n.to=g),l=void 0,b=void 0,q()}function R(){if(!l)return"";const v=l.errors.length===0&&l.lines.some(g=>g.outcome!=="REJECTED");return d`<section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title" tabindex="-1">Aperçu de la demande</h2>
      ${l.errors.map(g=>d`<p class="error" role="alert">${g.message}</p>`)}
      ${l.lines.length?d`<div class="table-wrap"><table class="stack">
            <caption class="visually-hidden">Résultat prévu pour chaque date</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">Créneau</th><th scope="col">Résultat</th><th scope="col">Prix</th><th scope="col">Détail</th></tr></thead>
            <tbody>
              ${l.lines.map(g=>d`<tr class=${`outcome-${g.outcome}`}>
                  <td data-label="Date">${oa(g.date)}</td>
                  <td data-label="Créneau">${g.slot?`${V(g.slot.startTime)} – ${V(g.slot.endTime)}`:"—"}</td>
                  <td data-label="Résultat">${g.outcomeLabel}</td>
                  <td data-label=${a==="absence"?"Facturation":"Prix"}>${a==="absence"?g.absenceWouldBeBilled?"facturée":"non facturée":$e(g.priceCents)}</td>
                  <td data-label="Détail">${g.message}</td>
                </tr>`)}
            </tbody>
          </table></div>
          ${a==="reservation"?d`<p>
                ${l.lines.filter(g=>g.outcome!=="REJECTED").length} date(s) sur
                ${l.lines.length} — montant estimé :
                <strong>${$e(l.lines.filter(g=>g.outcome!=="REJECTED").reduce((g,W)=>g+(W.priceCents??0),0))}</strong>
              </p>`:""}`:""}
      ${v?d`<button type="button" class="primary" ?disabled=${s} @click=${()=>{p()}}>
            Confirmer la demande
          </button>`:d`<p>Aucune date ne peut être demandée : modifiez votre choix.</p>`}
    </section>`}function P(){return b?d`<section class="card success" aria-labelledby="result-title">
      <h2 id="result-title" tabindex="-1">
        ${b.request?`Demande ${b.request.referenceLabel} : ${b.request.statusLabel}`:"Demande non enregistrée"}
      </h2>
      ${b.errors.map(v=>d`<p class="error" role="alert">${v.message}</p>`)}
      <ul>
        ${b.lines.map(v=>d`<li>${Y(v.date)} : ${v.outcomeLabel}${v.message?` — ${v.message}`:""}</li>`)}
      </ul>
      <p><a href=${x("/demandes")}>Suivre mes demandes</a> · <a href=${x("/planning",{mois:n.from.slice(0,7)})}>Retour au planning</a></p>
    </section>`:""}function q(){if(!o){B(d`<h1>${h}</h1>${U(c)}${K()}`,e);return}const v=u(),g=v.find(y=>y.activity.id===n.activity)?.activity,W=n.from!==""&&n.to!==""&&n.from!==n.to,me=n.child&&n.activity&&n.from&&n.to;B(d`<h1>${h}</h1>
        <form class="card" @submit=${y=>{y.preventDefault(),r()}}>
          ${U(c)}
          <label for="f-child">1. Enfant</label>
          <select id="f-child" required @change=${y=>$("child",y.target.value)}>
            <option value="" ?selected=${!n.child}>Choisir un enfant</option>
            ${o.map(y=>d`<option value=${y.id} ?selected=${y.id===n.child}>${y.firstName} ${y.lastName}</option>`)}
          </select>
          <label for="f-activity">2. Activité</label>
          <select id="f-activity" required ?disabled=${!n.child} @change=${y=>$("activity",y.target.value)}>
            <option value="" ?selected=${!n.activity}>Choisir une activité</option>
            ${v.map(y=>d`<option value=${y.activity.id} ?selected=${y.activity.id===n.activity}>${y.activity.name}</option>`)}
          </select>
          ${g?d`<p class="muted">Inscription du ${z(v.find(y=>y.activity.id===n.activity)?.startDate)} au ${z(v.find(y=>y.activity.id===n.activity)?.endDate)}</p>`:""}
          <fieldset>
            <legend>3. Dates</legend>
            <div class="row">
              <span><label for="f-from">Du</label>
              <input id="f-from" type="date" required .value=${n.from} @change=${y=>$("from",y.target.value)} /></span>
              <span><label for="f-to">Au</label>
              <input id="f-to" type="date" required .value=${n.to} min=${n.from} @change=${y=>$("to",y.target.value)} /></span>
            </div>
            ${W?d`<fieldset class="weekdays"><legend>Jours (aucun coché : tous)</legend>
                  ${Ue.slice(0,5).map(([y,re])=>d`<label class="check"><input type="checkbox" .checked=${n.weekdays.includes(y)} @change=${()=>$("weekdays",y)} /> ${re}</label>`)}
                </fieldset>`:""}
          </fieldset>
          ${g&&g.slots.length>1?d`<label for="f-slot">Créneau</label>
                <select id="f-slot" @change=${y=>$("slot",y.target.value)}>
                  <option value="" ?selected=${!n.slot}>Tous les créneaux de l'activité</option>
                  ${g.slots.map(y=>d`<option value=${y.id} ?selected=${y.id===n.slot}>${da(y.weekday)} ${V(y.startTime)} – ${V(y.endTime)}</option>`)}
                </select>`:""}
          <label for="f-text">${a==="absence"?"Motif (facultatif)":"Commentaire (facultatif)"}</label>
          <input id="f-text" type="text" maxlength="500" .value=${n.text} @change=${y=>$("text",y.target.value)} />
          <button type="submit" ?disabled=${!me||s}>${s?"Patientez…":"Voir l'aperçu"}</button>
        </form>
        ${R()} ${P()}`,e)}return q(),Z(),(async()=>{try{o=(await L($t,{})).viewer.family?.children??[],!n.child&&o.length===1&&(n.child=o[0].id)}catch(v){c=I(v)}q(),n.child&&n.activity&&n.from&&await r()})(),()=>{}}function Dt(e){const t=[e.typeLabel,e.activity?.name,e.child?.firstName].filter(Boolean).join(" — ");return e.periodStart&&e.periodEnd?e.periodStart===e.periodEnd?`${t} (${z(e.periodStart)})`:`${t} (du ${z(e.periodStart)} au ${z(e.periodEnd)})`:t}function ma(e,t){const a=t.get("etat")??"";let i,n=0,o;const l=new Set;let b;async function c(){try{const{requests:u}=await L(gt,{where:a?{stateGroup:a}:null,order:"NEWEST_FIRST",first:50});i=u.edges.map(m=>m.node),n=u.totalCount,o=void 0}catch(u){o=I(u)}f()}async function s(){const u=(i??[]).filter(m=>m.unreadMessageCount>0).map(m=>m.id);if(u.length)try{await L(yt,{requests:u}),await c(),G("Messages marqués comme lus.")}catch(m){o=I(m),f()}}function f(){B(d`<h1>Mes demandes${i?` (${n} résultat${n>1?"s":""})`:""}</h1>
        <div class="toolbar">
          <label for="state-filter">État</label>
          <select id="state-filter" @change=${u=>Q("/demandes",{etat:u.target.value})}>
            <option value="" ?selected=${!a}>Tous</option>
            <option value="IN_PROGRESS" ?selected=${a==="IN_PROGRESS"}>En cours</option>
            <option value="PROCESSED" ?selected=${a==="PROCESSED"}>Traité</option>
          </select>
          <button type="button" class="secondary" @click=${()=>{s()}}>Tout marquer comme lu</button>
        </div>
        ${U(o)}
        ${i?d`<div class="table-wrap"><table class="requests stack">
              <caption class="visually-hidden">Vos demandes, la plus récente d'abord</caption>
              <thead><tr><th scope="col">Réf.</th><th scope="col">Date</th><th scope="col">Description</th><th scope="col">Statut</th><th scope="col">Messages</th></tr></thead>
              <tbody>
                ${i.map(u=>d`<tr data-request=${u.id} class=${l.has(u.id)?"changed":""}>
                    <td data-label="Réf."><a href=${x("/demande",{id:u.id})}>${u.referenceLabel}</a></td>
                    <td data-label="Date">${ae(u.createdAt)}</td>
                    <td data-label="Description">${Dt(u)}</td>
                    <td data-label="Statut" class="status" data-status=${u.status}>${u.statusLabel}</td>
                    <td data-label="Messages">${u.unreadMessageCount?d`<strong>${u.unreadMessageCount} nouveau(x) message(s)</strong>`:""}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:K()}`,e)}f(),Z(),c();const h=Ie(vt,{after:null},u=>u.requestStatusChanged.cursor,({requestStatusChanged:u})=>{G(`Demande ${u.referenceLabel} : ${u.stepLabel} — ${u.statusLabel}`);const m=i?.find(r=>r.id===u.request?.id);m&&u.request&&(m.status=u.request.status,m.statusLabel=u.request.statusLabel,l.add(m.id),f()),window.clearTimeout(b),b=window.setTimeout(()=>{c()},500)},u=>{o=u,f()});return()=>{window.clearTimeout(b),h()}}function Rt(e,t){const a=t.get("id")??"",i=bt(ue());let n,o,l=!1,b=de();async function c(){try{const{node:m}=await L(Pn,{id:a});!m||!("referenceLabel"in m)?o="Demande introuvable.":(n=m,n.unreadMessageCount>0&&await L(yt,{requests:[a]}))}catch(m){o=I(m)}h()}async function s(m){m.preventDefault();const r=m.target,p=String(new FormData(r).get("body")??"").trim();if(p){l=!0,h();try{const{requestMessagePost:$}=await L(Mn,{input:{request:a,body:p,idempotencyKey:b}}),R=$.errors[0];R?o=R.message:(r.reset(),b=de(),G("Message envoyé."),await c())}catch($){o=I($)}l=!1,h()}}async function f(){l=!0,h();try{const m=(await L(_n,{request:a})).requestCancel.errors[0];o=m?.message,m||G("Demande annulée."),await c()}catch(m){o=I(m)}l=!1,h()}function h(){if(!n){B(d`<h1>Demande</h1>${U(o)}${o?"":K()}`,e);return}const m=n,r=m.status==="PENDING"||m.status==="TRANSMITTED";B(d`<h1>Demande ${m.referenceLabel}</h1>
        <p><a href=${x(i?"/agent/demandes":"/demandes")}>← ${i?"Demandes à traiter":"Mes demandes"}</a></p>
        ${U(o)}
        <section class="card">
          <dl class="facts">
            <dt>Type</dt><dd>${m.typeLabel}</dd>
            <dt>Statut</dt><dd class="status" data-status=${m.status}>${m.statusLabel}</dd>
            ${m.child?d`<dt>Enfant</dt><dd>${m.child.firstName} ${m.child.lastName}</dd>`:""}
            ${m.activity?d`<dt>Activité</dt><dd>${m.activity.name} (${m.activity.establishment.name})</dd>`:""}
            ${m.periodStart?d`<dt>Période</dt><dd>du ${z(m.periodStart)} au ${z(m.periodEnd)}</dd>`:""}
            ${m.reason?d`<dt>Raison</dt><dd>${m.reason}</dd>`:""}
            ${m.comment?d`<dt>Commentaire</dt><dd>${m.comment}</dd>`:""}
          </dl>
          ${r&&!i?d`<button type="button" class="secondary" ?disabled=${l} @click=${()=>{f()}}>Annuler la demande</button>`:""}
        </section>
        ${m.lines.length?d`<section class="card"><h2>Dates</h2><ul>
              ${m.lines.map(p=>d`<li>${Y(p.date)} — ${p.actionLabel} : <strong>${p.statusLabel}</strong>${p.message?` (${p.message})`:""}</li>`)}
            </ul></section>`:""}
        ${m.changes.length?d`<section class="card"><h2>Modifications demandées</h2><ul>
              ${m.changes.map(p=>d`<li>${p.label} : ${p.currentValue??"—"} → <mark>${p.proposedValue??"—"}</mark></li>`)}
            </ul></section>`:""}
        <section class="card"><h2>Historique de la demande</h2><ol class="history">
          ${m.history.map(p=>d`<li><time datetime=${p.at}>${ae(p.at)}</time> — ${p.label}${p.label.includes(p.statusLabel)?"":d`<br />Statut : ${p.statusLabel}`}${p.note?d`<br />${p.note}`:""}</li>`)}
        </ol></section>
        <section class="card" aria-labelledby="messages-title"><h2 id="messages-title">Messages</h2>
          ${m.messages.length?d`<ol class="messages">
                ${m.messages.map(p=>d`<li class=${p.fromStaff?"from-staff":"from-family"}>
                  <p class="muted">${p.fromStaff?"La collectivité":"La famille"} — ${ae(p.createdAt)}${p.subject?` — ${p.subject}`:""}</p>
                  <p class="message-body">${p.body}</p>
                </li>`)}
              </ol>`:d`<p class="muted">Aucun message.</p>`}
          <form @submit=${p=>{s(p)}}>
            <label for="message-body">Votre message</label>
            <textarea id="message-body" name="body" rows="3" maxlength="2000" required></textarea>
            <button type="submit" ?disabled=${l}>Envoyer</button>
          </form>
        </section>`,e)}return h(),Z(),c(),Ie(vt,{after:null},m=>m.requestStatusChanged.cursor,({requestStatusChanged:m})=>{m.request?.id===a&&c()})}function pa(e){let t,a=0,i,n="";async function o(){try{const{invoices:s}=await L(Bn,{first:50});t=s.edges.map(f=>f.node),a=s.totalCount}catch(s){i=I(s)}c()}async function l(s){try{await Jt(s.pdfUrl,`facture-${s.number}.pdf`)}catch(f){i=I(f),c()}}async function b(s){n=s.id,i=void 0,c();try{const{invoicePaymentStart:f}=await L(Fn,{invoice:s.id}),h=f.errors[0];if(h||!f.paymentUrl)i=h?.message??"Paiement impossible.";else{window.location.assign(f.paymentUrl);return}}catch(f){i=I(f)}n="",c()}function c(){B(d`<h1>Historique des factures${t?` (${a} résultat${a>1?"s":""})`:""}</h1>
        ${U(i)}
        ${t?t.length===0?d`<p>Aucune facture.</p>`:d`<div class="table-wrap"><table class="stack">
                <caption class="visually-hidden">Vos factures, la plus récente d'abord</caption>
                <thead><tr><th scope="col">Date</th><th scope="col">Numéro</th><th scope="col">Échéance</th><th scope="col">Émetteur</th><th scope="col">Montant</th><th scope="col">Reste à payer</th><th scope="col">Statut</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  ${t.map(s=>d`<tr>
                      <td data-label="Date">${z(s.issuedOn)}</td>
                      <td data-label="Numéro"><span>${s.number}<br /><span class="muted">${s.kindLabel}</span></span></td>
                      <td data-label="Échéance">${z(s.dueOn)}</td>
                      <td data-label="Émetteur">${s.issuer}</td>
                      <td data-label="Montant">${$e(s.totalCents)}</td>
                      <td data-label="Reste à payer">${$e(s.remainingCents)}</td>
                      <td data-label="Statut"><div>${s.statusLabel}
                        ${s.payments.length?d`<ul class="payments">${s.payments.map(f=>d`<li>${z(f.paidOn)} — ${f.methodLabel} n° ${f.operationNumber} : ${$e(f.amountCents)}</li>`)}</ul>`:""}</div></td>
                      <td data-label="Actions" class="actions">
                        <button type="button" class="secondary" @click=${()=>{l(s)}} aria-label=${`PDF de la facture ${s.number}`}>PDF</button>
                        ${s.canPayOnline?d`<button type="button" ?disabled=${n===s.id} @click=${()=>{b(s)}} aria-label=${`Payer en ligne la facture ${s.number}`}>Payer en ligne</button>`:""}
                      </td>
                    </tr>`)}
                </tbody>
              </table></div>`:K()}`,e)}return c(),Z(),o(),()=>{}}function it(e){return e.length?d`<ul class="pending" aria-label="Modifications en attente de validation">
    ${e.map(t=>d`<li><mark>${t.label} : ${t.currentValue??"—"} → ${t.proposedValue??"—"} (en attente de validation)</mark></li>`)}
  </ul>`:""}function fa(e){let t,a,i,n=de();async function o(){try{t=(await L(Vn,{})).viewer.family}catch(c){a=I(c)}b()}async function l(c,s){c.preventDefault();const f=new FormData(c.target),h=String(f.get("mobilePhone")??"").trim();a=void 0,i=void 0;try{const{guardianChangeRequestCreate:u}=await L(Un,{input:{guardian:s,changes:{mobilePhone:h},idempotencyKey:n}}),m=u.errors[0];if(m)a=m.message;else{n=de(),i="Demande de modification envoyée : elle s'affiche en jaune jusqu'à sa validation.",G(i),await o();return}}catch(u){a=I(u)}b()}function b(){if(t===void 0){B(d`<h1>Dossier famille</h1>${U(a)}${a?"":K()}`,e);return}if(t===null){B(d`<h1>Dossier famille</h1><p>Aucun dossier famille n'est rattaché à ce compte.</p>`,e);return}const c=t;B(d`<h1>Dossier famille — ${c.name}</h1>
        ${U(a)} ${i?d`<p class="notice" role="status">${i}</p>`:""}
        <section class="card">
          <dl class="facts">
            <dt>Code abonné</dt><dd>${c.subscriberCode??"—"}</dd>
            <dt>Statut du dossier</dt><dd>${c.statusLabel}</dd>
            <dt>Prélèvement automatique</dt><dd>${c.directDebit?"oui":"non"}</dd>
          </dl>
        </section>
        ${c.pendingChanges.length?d`<section class="card"><h2>Modifications en attente</h2><ul>
              ${c.pendingChanges.map(s=>d`<li><mark>${s.subject?`${s.subject} — `:""}${s.label} : ${s.currentValue??"—"} → ${s.proposedValue??"—"}</mark>
                (<a href=${x("/demande",{id:s.request.id})}>demande ${s.request.referenceLabel}</a>, ${s.request.statusLabel})</li>`)}
            </ul></section>`:""}
        <h2>Responsables</h2>
        ${c.guardians.map(s=>d`<section class="card" aria-label=${`${s.firstName} ${s.lastName}`}>
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
            <form class="inline" @submit=${f=>{l(f,s.id)}}>
              <label for=${`mobile-${s.id}`}>Nouveau numéro de portable</label>
              <input id=${`mobile-${s.id}`} name="mobilePhone" type="tel" autocomplete="tel" required />
              <button type="submit" class="secondary">Demander la modification</button>
            </form>
          </section>`)}
        <h2>Enfants</h2>
        ${c.children.map(s=>d`<section class="card" aria-label=${`${s.firstName} ${s.lastName}`}>
            <h3>${s.firstName} ${s.lastName}</h3>
            <dl class="facts">
              <dt>Date de naissance</dt><dd>${z(s.birthDate)}</dd>
              <dt>Classe</dt><dd>${s.gradeLabel??"—"}</dd>
              <dt>École</dt><dd>${s.school?.name??"—"}</dd>
            </dl>
            ${it(s.pendingChanges)}
          </section>`)}`,e)}return b(),Z(),o(),()=>{}}const ba=new Set(["PENDING","WAITING_LIST"]);function ha(e){let t,a=0,i,n,o="",l="",b;async function c(){try{const{requests:r}=await L(gt,{where:{stateGroup:"IN_PROGRESS"},order:"OLDEST_FIRST",first:50});t=r.edges.map(p=>p.node),a=r.totalCount}catch(r){i=I(r)}u()}async function s(r,p){l=p?.id??r.id,i=void 0,u();try{const $={request:r.id,lines:p?[p.id]:null},R=(await L(jn,{input:$})).requestAccept.errors[0];R?i=R.message:(n=`Demande ${r.referenceLabel} : ${p?`${Y(p.date)} acceptée`:"acceptée"}.`,G(n)),await c()}catch($){i=I($)}l="",u()}async function f(r,p,$){r.preventDefault();const R=String(new FormData(r.target).get("message")??"").trim();l=$?.id??p.id,i=void 0,u();try{const P={request:p.id,lines:$?[$.id]:null,message:R},q=(await L(Gn,{input:P})).requestRefuse.errors[0];q?i=q.message:(o="",n=`Demande ${p.referenceLabel} : ${$?`${Y($.date)} refusée`:"refusée"}.`,G(n)),await c()}catch(P){i=I(P)}l="",u()}function h(r,p,$){const R=p?.id??r.id;return d`<span class="decision">
      ${p&&p.status!=="PENDING"?"":d`<button type="button" ?disabled=${l===R} @click=${()=>{s(r,p)}} aria-label=${`Accepter ${$}`}>Accepter</button>`}
      <button type="button" class="secondary" ?disabled=${l===R} @click=${()=>{o=R,u(),e.querySelector(`#refuse-${CSS.escape(R)}`)?.focus()}} aria-label=${`Refuser ${$}`}>Refuser</button>
      ${o===R?d`<form class="inline" @submit=${P=>{f(P,r,p)}}>
            <label for=${`refuse-${R}`}>Motif du refus (envoyé à la famille)</label>
            <input id=${`refuse-${R}`} name="message" required maxlength="500" />
            <button type="submit">Confirmer le refus</button>
            <button type="button" class="link" @click=${()=>{o="",u()}}>Annuler</button>
          </form>`:""}
    </span>`}function u(){B(d`<h1>Demandes à traiter${t?` (${a})`:""}</h1>
        <p class="muted">Mise à jour en direct : les nouvelles demandes arrivent et les demandes traitées disparaissent sans recharger la page.</p>
        ${U(i)} ${n?d`<p class="notice">${n}</p>`:""}
        ${t?t.length===0?d`<p>Aucune demande en attente.</p>`:d`<ol class="inbox">
                ${t.map(r=>{const p=r.lines.filter($=>ba.has($.status));return d`<li class="card" data-request=${r.id}>
                    <h2><a href=${x("/agent/demande",{id:r.id})}>Demande ${r.referenceLabel}</a> — ${r.family?.name??""}</h2>
                    <p>${Dt(r)} · reçue le ${ae(r.createdAt)} · <span class="status">${r.statusLabel}</span></p>
                    ${p.length?d`<ul class="lines">
                          ${p.map($=>d`<li data-line=${$.id}>
                            <span>${Y($.date)}${$.slot?` ${V($.slot.startTime)} – ${V($.slot.endTime)}`:""} — ${$.child?.firstName??""} — ${$.actionLabel} : ${$.statusLabel}</span>
                            ${h(r,$,`le ${Y($.date)} de la demande ${r.referenceLabel}`)}
                          </li>`)}
                        </ul>`:d`<div>${h(r,void 0,`la demande ${r.referenceLabel}`)}</div>`}
                  </li>`})}
              </ol>`:K()}`,e)}u(),Z(),c();const m=Ie(Hn,{after:null},r=>r.staffInbox.cursor,({staffInbox:r})=>{G(`Demande ${r.referenceLabel} : ${r.stepLabel}`),window.clearTimeout(b),b=window.setTimeout(()=>{c()},300)},r=>{i=r,u()});return()=>{window.clearTimeout(b),m()}}const $a=new Set(["RESERVED","PRESENT","ABSENT","ABSENT_BILLED"]);async function ga(){const e=[];let t=null;for(let a=0;a<50;a+=1){const n=(await L(Yn,{after:t})).families;for(const o of n.edges)e.push(...o.node.children.map(l=>l.id));if(!n.pageInfo.hasNextPage)break;t=n.pageInfo.endCursor??null}return e}function ya(e,t){const a=t.get("date")??Ve(),i=t.get("activite")??"",n=t.get("creneau")??"";let o,l,b,c="";async function s(){try{if(o=(await L(zn,{})).activities.edges.map(u=>u.node).filter(u=>u.isActive&&u.schoolYear.startDate<=a&&a<=u.schoolYear.endDate),i&&n){const u=await ga(),{planning:m}=await L(Kn,{date:a,children:u,activities:[i]});l=m.occurrences.filter(r=>r.slotId===n&&$a.has(r.status))}}catch(u){b=I(u)}h()}async function f(u,m){c=u.child.id,b=void 0,h();try{const r=(await L(Zn,{input:{slot:n,date:a,marks:[{child:u.child.id,present:m}]}})).attendanceMark.errors[0];r?b=r.message:G(`${u.child.firstName} ${u.child.lastName} : ${m?"présent":"absent"}.`),await s()}catch(r){b=I(r)}c="",h()}function h(){const u=o?.find(r=>r.id===i),m=(u?.slots??[]).filter(r=>r.weekday===la(a));B(d`<h1>Pointage du ${Y(a)}</h1>
        <form class="card toolbar" @submit=${r=>r.preventDefault()}>
          <span><label for="a-date">Date</label>
          <input id="a-date" type="date" .value=${a} @change=${r=>Q("/agent/pointage",{date:r.target.value,activite:i})} /></span>
          <span><label for="a-activity">Activité</label>
          <select id="a-activity" @change=${r=>Q("/agent/pointage",{date:a,activite:r.target.value})}>
            <option value="">Choisir une activité</option>
            ${(o??[]).map(r=>d`<option value=${r.id} ?selected=${r.id===i}>${r.name} — ${r.establishment.name}</option>`)}
          </select></span>
          ${u?d`<span><label for="a-slot">Créneau</label>
                <select id="a-slot" @change=${r=>Q("/agent/pointage",{date:a,activite:i,creneau:r.target.value})}>
                  <option value="">${m.length?"Choisir un créneau":"Pas de créneau ce jour-là"}</option>
                  ${m.map(r=>d`<option value=${r.id} ?selected=${r.id===n}>${V(r.startTime)} – ${V(r.endTime)}</option>`)}
                </select></span>`:""}
        </form>
        ${U(b)}
        ${o?n?l?l.length===0?d`<p>Aucun enfant inscrit sur ce créneau ce jour-là.</p>`:d`<div class="table-wrap"><table>
                    <caption>${l.length} enfant(s) attendu(s)</caption>
                    <thead><tr><th scope="col">Enfant</th><th scope="col">Statut</th><th scope="col">Pointage</th></tr></thead>
                    <tbody>
                      ${l.map(r=>d`<tr>
                        <td>${r.child.lastName} ${r.child.firstName}</td>
                        <td>${r.statusLabel}</td>
                        <td class="actions">
                          <button type="button" class="secondary" ?disabled=${c===r.child.id} aria-pressed=${r.status==="PRESENT"?"true":"false"} @click=${()=>{f(r,!0)}} aria-label=${`${r.child.firstName} ${r.child.lastName} présent`}>Présent</button>
                          <button type="button" class="secondary" ?disabled=${c===r.child.id} aria-pressed=${r.status==="ABSENT"||r.status==="ABSENT_BILLED"?"true":"false"} @click=${()=>{f(r,!1)}} aria-label=${`${r.child.firstName} ${r.child.lastName} absent`}>Absent</button>
                        </td>
                      </tr>`)}
                    </tbody>
                  </table></div>`:K():"":K()}`,e)}return h(),Z(),s(),()=>{}}function va(e,t){const a=t.get("date")??"",i=t.get("enfant")??"",n=t.get("activite")??"",o=t.get("creneau")??"";let l,b;function c(){const s=l;if(!s){B(d`<h1>Créneau du ${a?Y(a):"—"}</h1>${U(b)}${b?"":K()}`,e);return}const f={enfant:s.child.id,activite:s.activity.id,date:s.date,creneau:s.slotId};B(d`<h1>${s.activity.name} — ${s.child.firstName}, ${Y(s.date)}</h1>
        <p><a href=${x("/planning",{mois:s.date.slice(0,7)})}>← Planning</a></p>
        <section class="card">
          <p class="slot status-${s.status}">
            <span class="symbol" aria-hidden="true">${At(s.status)}</span>
            <span>${s.statusLabel}</span><span class="slot-time">${V(s.startTime)} – ${V(s.endTime)}</span>
          </p>
          <dl class="facts">
            <dt>Réservation possible jusqu'au</dt><dd>${ae(s.bookingDeadline)}</dd>
            <dt>Annulation sans frais jusqu'au</dt><dd>${ae(s.cancellationDeadline)}</dd>
          </dl>
          ${s.canReserve?d`<a class="button" href=${x("/reservation",f)}>Réserver</a>`:""}
          ${s.canCancel?d`<a class="button" href=${x("/absence",f)}>Déclarer une absence${s.absenceWouldBeBilled?" (facturée)":""}</a>`:""}
          ${!s.canReserve&&!s.canCancel?d`<p class="muted">Aucune demande possible : ${qt[s.cancelBlocker??s.reserveBlocker??""]??"—"}.</p>`:""}
        </section>
        <section class="card" aria-labelledby="history-title">
          <h2 id="history-title">Historique</h2>
          ${s.history.length?d`<ol class="history">
                ${s.history.map(h=>d`<li>
                    <time datetime=${h.occurredAt}>${ae(h.occurredAt)}</time> — ${h.kindLabel}
                    ${h.request&&h.requestReference?d`(<a href=${x("/demande",{id:h.request})}>demande ${h.requestReference}</a>)`:""}
                  </li>`)}
              </ol>`:d`<p class="muted">Aucune action sur ce créneau.</p>`}
        </section>`,e)}return c(),Z(),(async()=>{try{const{planning:s}=await L(Jn,{date:a,child:i,activity:n});l=s.occurrences.find(f=>f.slotId===o&&f.child.id===i),l||(b="Ce créneau n'existe pas (ou plus) dans le planning.")}catch(s){b=I(s)}c(),Z()})(),()=>{}}const wa={"/planning":["Planning",ua],"/creneau":["Créneau",va],"/reservation":["Réserver",(e,t)=>st(e,t,"reservation")],"/absence":["Absence",(e,t)=>st(e,t,"absence")],"/demandes":["Mes demandes",ma],"/demande":["Demande",Rt],"/factures":["Factures",pa],"/dossier":["Dossier famille",fa]},Aa={"/agent/demandes":["Demandes à traiter",ha],"/agent/pointage":["Pointage",ya],"/agent/demande":["Demande",Rt]},qa=["/planning","/reservation","/absence","/demandes","/factures","/dossier"],Da=["/agent/demandes","/agent/pointage"],Te=document.getElementById("app");let Re=()=>{},St="",Se=0;async function rt(){try{const e=await L(Nn,{});St=e.collectivity.name,Se=e.viewer.unreadMessageCount}catch{return}Lt()}function Lt(){const e=Te.querySelector(".brand-name");e&&(e.textContent=St||Gt);const t=Te.querySelector(".unread");t&&(t.textContent=Se?` (${Se} non lu${Se>1?"s":""})`:"")}async function Ra(){try{await L(Tn,{})}catch{}Fe(),Q("/connexion")}function ot(e,t,a){const i=ue();return B(d`<a class="skip" href="#contenu" @click=${Sa}>Aller au contenu</a>
      <header class="top">
        <p class="brand">Espace famille <span class="muted">— <span class="brand-name"></span></span></p>
        ${i?d`<nav aria-label="Navigation principale">
              <ul>
                ${a.map(n=>d`<li>
                      <a href=${x(n)} aria-current=${n===e?"page":"false"}
                        >${t[n][0]}${n==="/demandes"?d`<span class="unread"></span>`:""}</a
                      >
                    </li>`)}
              </ul>
            </nav>
            <p class="who">
              ${i.name}
              <button type="button" class="link" @click=${()=>{Ra()}}>Se déconnecter</button>
            </p>`:""}
      </header>
      <main id="contenu" tabindex="-1"></main>
      <div id="live-region" class="visually-hidden" aria-live="polite" role="status"></div>`,Te),Lt(),Te.querySelector("main")}function Sa(e){e.preventDefault(),document.getElementById("contenu")?.focus()}function Ct(){Re(),Re=()=>{};const{path:e,params:t}=Qn(),a=ue(),i=bt(a);if(!a||e==="/connexion"||e==="/agent"){if(a&&e!=="/agent"){Q(i?"/agent/demandes":"/planning");return}const b=ot(e,{},[]);rt(),document.title="Connexion — Espace famille",Re=ea(b,e==="/agent");return}const n=i?Aa:wa,o=n[e];if(!o){Q(i?"/agent/demandes":"/planning");return}const l=ot(e,n,i?Da:qa);document.title=`${o[0]} — Espace famille`,Re=o[1](l,t),rt()}window.addEventListener("hashchange",Ct);Ct();
