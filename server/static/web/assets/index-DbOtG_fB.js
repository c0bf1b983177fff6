const We=globalThis,Ye=e=>e,Re=We.trustedTypes,Ke=Re?Re.createPolicy("lit-html",{createHTML:e=>e}):void 0,ot="$lit$",J=`lit$${Math.random().toFixed(9).slice(2)}$`,ct="?"+J,Lt=`<${ct}>`,ae=document,$e=()=>ae.createComment(""),ge=e=>e===null||typeof e!="object"&&typeof e!="function",_e=Array.isArray,Ct=e=>_e(e)||typeof e?.[Symbol.iterator]=="function",Ie=`[ 	
\f\r]`,me=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Ze=/-->/g,Je=/>/g,ee=RegExp(`>|${Ie}(?:([^\\s"'>=/]+)(${Ie}*=${Ie}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Qe=/'/g,Xe=/"/g,lt=/^(?:script|style|textarea|title)$/i,Nt=e=>(t,...a)=>({_$litType$:e,strings:t,values:a}),u=Nt(1),ye=Symbol.for("lit-noChange"),_=Symbol.for("lit-nothing"),et=new WeakMap,ne=ae.createTreeWalker(ae,129);function dt(e,t){if(!_e(e)||!e.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ke!==void 0?Ke.createHTML(t):t}const Tt=(e,t)=>{const a=e.length-1,s=[];let n,o=t===2?"<svg>":t===3?"<math>":"",l=me;for(let b=0;b<a;b++){const c=e[b];let r,f,h=-1,d=0;for(;d<c.length&&(l.lastIndex=d,f=l.exec(c),f!==null);)d=l.lastIndex,l===me?f[1]==="!--"?l=Ze:f[1]!==void 0?l=Je:f[2]!==void 0?(lt.test(f[2])&&(n=RegExp("</"+f[2],"g")),l=ee):f[3]!==void 0&&(l=ee):l===ee?f[0]===">"?(l=n??me,h=-1):f[1]===void 0?h=-2:(h=l.lastIndex-f[2].length,r=f[1],l=f[3]===void 0?ee:f[3]==='"'?Xe:Qe):l===Xe||l===Qe?l=ee:l===Ze||l===Je?l=me:(l=ee,n=void 0);const m=l===ee&&e[b+1].startsWith("/>")?" ":"";o+=l===me?c+Lt:h>=0?(s.push(r),c.slice(0,h)+ot+c.slice(h)+J+m):c+J+(h===-2?b:m)}return[dt(e,o+(e[a]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),s]};class ve{constructor({strings:t,_$litType$:a},s){let n;this.parts=[];let o=0,l=0;const b=t.length-1,c=this.parts,[r,f]=Tt(t,a);if(this.el=ve.createElement(r,s),ne.currentNode=this.el.content,a===2||a===3){const h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(n=ne.nextNode())!==null&&c.length<b;){if(n.nodeType===1){if(n.hasAttributes())for(const h of n.getAttributeNames())if(h.endsWith(ot)){const d=f[l++],m=n.getAttribute(h).split(J),i=/([.?@])?(.*)/.exec(d);c.push({type:1,index:o,name:i[2],strings:m,ctor:i[1]==="."?It:i[1]==="?"?Pt:i[1]==="@"?xt:Te}),n.removeAttribute(h)}else h.startsWith(J)&&(c.push({type:6,index:o}),n.removeAttribute(h));if(lt.test(n.tagName)){const h=n.textContent.split(J),d=h.length-1;if(d>0){n.textContent=Re?Re.emptyScript:"";for(let m=0;m<d;m++)n.append(h[m],$e()),ne.nextNode(),c.push({type:2,index:++o});n.append(h[d],$e())}}}else if(n.nodeType===8)if(n.data===ct)c.push({type:2,index:o});else{let h=-1;for(;(h=n.data.indexOf(J,h+1))!==-1;)c.push({type:7,index:o}),h+=J.length-1}o++}}static createElement(t,a){const s=ae.createElement("template");return s.innerHTML=t,s}}function ce(e,t,a=e,s){if(t===ye)return t;let n=s!==void 0?a._$Co?.[s]:a._$Cl;const o=ge(t)?void 0:t._$litDirective$;return n?.constructor!==o&&(n?._$AO?.(!1),o===void 0?n=void 0:(n=new o(e),n._$AT(e,a,s)),s!==void 0?(a._$Co??=[])[s]=n:a._$Cl=n),n!==void 0&&(t=ce(e,n._$AS(e,t.values),n,s)),t}class Et{constructor(t,a){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=a}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){const{el:{content:a},parts:s}=this._$AD,n=(t?.creationScope??ae).importNode(a,!0);ne.currentNode=n;let o=ne.nextNode(),l=0,b=0,c=s[0];for(;c!==void 0;){if(l===c.index){let r;c.type===2?r=new we(o,o.nextSibling,this,t):c.type===1?r=new c.ctor(o,c.name,c.strings,this,t):c.type===6&&(r=new Wt(o,this,t)),this._$AV.push(r),c=s[++b]}l!==c?.index&&(o=ne.nextNode(),l++)}return ne.currentNode=ae,n}p(t){let a=0;for(const s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(t,s,a),a+=s.strings.length-2):s._$AI(t[a])),a++}}class we{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,a,s,n){this.type=2,this._$AH=_,this._$AN=void 0,this._$AA=t,this._$AB=a,this._$AM=s,this.options=n,this._$Cv=n?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode;const a=this._$AM;return a!==void 0&&t?.nodeType===11&&(t=a.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,a=this){t=ce(this,t,a),ge(t)?t===_||t==null||t===""?(this._$AH!==_&&this._$AR(),this._$AH=_):t!==this._$AH&&t!==ye&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):Ct(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==_&&ge(this._$AH)?this._$AA.nextSibling.data=t:this.T(ae.createTextNode(t)),this._$AH=t}$(t){const{values:a,_$litType$:s}=t,n=typeof s=="number"?this._$AC(t):(s.el===void 0&&(s.el=ve.createElement(dt(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===n)this._$AH.p(a);else{const o=new Et(n,this),l=o.u(this.options);o.p(a),this.T(l),this._$AH=o}}_$AC(t){let a=et.get(t.strings);return a===void 0&&et.set(t.strings,a=new ve(t)),a}k(t){_e(this._$AH)||(this._$AH=[],this._$AR());const a=this._$AH;let s,n=0;for(const o of t)n===a.length?a.push(s=new we(this.O($e()),this.O($e()),this,this.options)):s=a[n],s._$AI(o),n++;n<a.length&&(this._$AR(s&&s._$AB.nextSibling,n),a.length=n)}_$AR(t=this._$AA.nextSibling,a){for(this._$AP?.(!1,!0,a);t!==this._$AB;){const s=Ye(t).nextSibling;Ye(t).remove(),t=s}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}}class Te{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,a,s,n,o){this.type=1,this._$AH=_,this._$AN=void 0,this.element=t,this.name=a,this._$AM=n,this.options=o,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=_}_$AI(t,a=this,s,n){const o=this.strings;let l=!1;if(o===void 0)t=ce(this,t,a,0),l=!ge(t)||t!==this._$AH&&t!==ye,l&&(this._$AH=t);else{const b=t;let c,r;for(t=o[0],c=0;c<o.length-1;c++)r=ce(this,b[s+c],a,c),r===ye&&(r=this._$AH[c]),l||=!ge(r)||r!==this._$AH[c],r===_?t=_:t!==_&&(t+=(r??"")+o[c+1]),this._$AH[c]=r}l&&!n&&this.j(t)}j(t){t===_?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}}class It extends Te{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===_?void 0:t}}class Pt extends Te{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==_)}}class xt extends Te{constructor(t,a,s,n,o){super(t,a,s,n,o),this.type=5}_$AI(t,a=this){if((t=ce(this,t,a,0)??_)===ye)return;const s=this._$AH,n=t===_&&s!==_||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,o=t!==_&&(s===_||n);n&&this.element.removeEventListener(this.name,this,s),o&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}}class Wt{constructor(t,a,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=a,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){ce(this,t)}}const _t=We.litHtmlPolyfillSupport;_t?.(ve,we),(We.litHtmlVersions??=[]).push("3.3.3");const B=(e,t,a)=>{const s=t;let n=s._$litPart$;return n===void 0&&(s._$litPart$=n=new we(t.insertBefore($e(),null),null,void 0,{})),n._$AI(e),n};function O(e){return e===null?"null":Array.isArray(e)?"array":typeof e}function te(e){return O(e)==="object"}function kt(e){return Array.isArray(e)&&e.length>0&&e.every(t=>"message"in t)}function tt(e,t){return e.length<124?e:t}const Mt="graphql-transport-ws";var V=(e=>(e[e.InternalServerError=4500]="InternalServerError",e[e.InternalClientError=4005]="InternalClientError",e[e.BadRequest=4400]="BadRequest",e[e.BadResponse=4004]="BadResponse",e[e.Unauthorized=4401]="Unauthorized",e[e.Forbidden=4403]="Forbidden",e[e.SubprotocolNotAcceptable=4406]="SubprotocolNotAcceptable",e[e.ConnectionInitialisationTimeout=4408]="ConnectionInitialisationTimeout",e[e.ConnectionAcknowledgementTimeout=4504]="ConnectionAcknowledgementTimeout",e[e.SubscriberAlreadyExists=4409]="SubscriberAlreadyExists",e[e.TooManyInitialisationRequests=4429]="TooManyInitialisationRequests",e))(V||{}),U=(e=>(e.ConnectionInit="connection_init",e.ConnectionAck="connection_ack",e.Ping="ping",e.Pong="pong",e.Subscribe="subscribe",e.Next="next",e.Error="error",e.Complete="complete",e))(U||{});function ut(e){if(!te(e))throw new Error(`Message is expected to be an object, but got ${O(e)}`);if(!e.type)throw new Error("Message is missing the 'type' property");if(typeof e.type!="string")throw new Error(`Message is expects the 'type' property to be a string, but got ${O(e.type)}`);switch(e.type){case"connection_init":case"connection_ack":case"ping":case"pong":{if(e.payload!=null&&!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object or nullish or missing, but got "${e.payload}"`);break}case"subscribe":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${O(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${O(e.payload)}`);if(typeof e.payload.query!="string")throw new Error(`"${e.type}" message payload expects the 'query' property to be a string, but got ${O(e.payload.query)}`);if(e.payload.variables!=null&&!te(e.payload.variables))throw new Error(`"${e.type}" message payload expects the 'variables' property to be a an object or nullish or missing, but got ${O(e.payload.variables)}`);if(e.payload.operationName!=null&&O(e.payload.operationName)!=="string")throw new Error(`"${e.type}" message payload expects the 'operationName' property to be a string or nullish or missing, but got ${O(e.payload.operationName)}`);if(e.payload.extensions!=null&&!te(e.payload.extensions))throw new Error(`"${e.type}" message payload expects the 'extensions' property to be a an object or nullish or missing, but got ${O(e.payload.extensions)}`);break}case"next":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${O(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!te(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an object, but got ${O(e.payload)}`);break}case"error":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${O(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);if(!kt(e.payload))throw new Error(`"${e.type}" message expects the 'payload' property to be an array of GraphQL errors, but got ${JSON.stringify(e.payload)}`);break}case"complete":{if(typeof e.id!="string")throw new Error(`"${e.type}" message expects the 'id' property to be a string, but got ${O(e.id)}`);if(!e.id)throw new Error(`"${e.type}" message requires a non-empty 'id' property`);break}default:throw new Error(`Invalid message 'type' property "${e.type}"`)}return e}function Ot(e,t){return ut(typeof e=="string"?JSON.parse(e,t):e)}function pe(e,t){return ut(e),JSON.stringify(e,t)}function Ft(e){const{url:t,connectionParams:a,lazy:s=!0,onNonLazyError:n=console.error,lazyCloseTimeout:o=0,keepAlive:l=0,disablePong:b,connectionAckWaitTimeout:c=0,retryAttempts:r=5,retryWait:f=async function(T){const w=Math.pow(2,T);await new Promise(D=>setTimeout(D,w*1e3+Math.floor(Math.random()*2700+300)))},shouldRetry:h=Pe,on:d,webSocketImpl:m,generateID:i=function(){return"xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g,T=>{const w=Math.random()*16|0;return(T=="x"?w:w&3|8).toString(16)})},jsonMessageReplacer:p,jsonMessageReviver:$}=e;let R;if(m){if(!Vt(m))throw new Error("Invalid WebSocket implementation provided");R=m}else typeof WebSocket<"u"?R=WebSocket:typeof global<"u"?R=global.WebSocket||global.MozWebSocket:typeof window<"u"&&(R=window.WebSocket||window.MozWebSocket);if(!R)throw new Error("WebSocket implementation missing; on Node you can `import WebSocket from 'ws';` and pass `webSocketImpl: WebSocket` to `createClient`");const W=R,q=(()=>{const A=(()=>{const w={};return{on(D,E){return w[D]=E,()=>{delete w[D]}},emit(D){"id"in D&&w[D.id]?.(D)}}})(),T={connecting:d?.connecting?[d.connecting]:[],opened:d?.opened?[d.opened]:[],connected:d?.connected?[d.connected]:[],ping:d?.ping?[d.ping]:[],pong:d?.pong?[d.pong]:[],message:d?.message?[A.emit,d.message]:[A.emit],closed:d?.closed?[d.closed]:[],error:d?.error?[d.error]:[]};return{onMessage:A.on,on(w,D){const E=T[w];return E.push(D),()=>{const I=E.indexOf(D);I>-1&&E.splice(I,1)}},emit(w,...D){for(const E of[...T[w]])E(...D)}}})();function v(A){const T=[q.on("error",w=>{T.forEach(D=>D()),A(w)}),q.on("closed",w=>{T.forEach(D=>D()),A(w)})];return()=>T.forEach(w=>w())}let g,x=0,ue,y=!1,ie=0,Ue=!1;async function He(){clearTimeout(ue);const[A,T]=await(g??(g=new Promise((E,I)=>(async()=>{if(y){if(await f(ie),!x)return g=void 0,I({code:1e3,reason:"All Subscriptions Gone"});ie++}q.emit("connecting",y);const S=new W(typeof t=="function"?await t():t,Mt);let Y,re;function Ae(){isFinite(l)&&l>0&&(clearTimeout(re),re=setTimeout(()=>{S.readyState===W.OPEN&&(S.send(pe({type:U.Ping})),q.emit("ping",!1,void 0))},l))}v(M=>{g=void 0,clearTimeout(Y),clearTimeout(re),I(M),M instanceof nt&&(S.close(4499,"Terminated"),S.onerror=null,S.onclose=null)}),S.onerror=M=>q.emit("error",M),S.onclose=M=>q.emit("closed",M),S.onopen=async()=>{try{q.emit("opened",S);const M=typeof a=="function"?await a():a;if(S.readyState!==W.OPEN)return;S.send(pe(M?{type:U.ConnectionInit,payload:M}:{type:U.ConnectionInit},p)),isFinite(c)&&c>0&&(Y=setTimeout(()=>{S.close(V.ConnectionAcknowledgementTimeout,"Connection acknowledgement timeout")},c)),Ae()}catch(M){q.emit("error",M),S.close(V.InternalClientError,tt(M instanceof Error?M.message:String(M),"Internal client error"))}};let oe=!1;S.onmessage=({data:M})=>{try{const k=Ot(M,$);if(q.emit("message",k),k.type==="ping"||k.type==="pong"){q.emit(k.type,!0,k.payload),k.type==="pong"?Ae():b||(S.send(pe(k.payload?{type:U.Pong,payload:k.payload}:{type:U.Pong},p)),q.emit("pong",!1,k.payload));return}if(oe)return;if(k.type!==U.ConnectionAck)throw new Error(`First message cannot be of type ${k.type}`);clearTimeout(Y),oe=!0,q.emit("connected",S,k.payload,y),y=!1,ie=0;const ze=new Promise((Aa,Rt)=>v(Rt));ze.catch(()=>{}),E([S,ze])}catch(k){S.onmessage=null,q.emit("error",k),S.close(V.BadResponse,tt(k instanceof Error?k.message:String(k),"Bad response"))}}})())));A.readyState===W.CLOSING&&await T;let w=()=>{};const D=new Promise(E=>w=E);return[A,w,new Promise((E,I)=>{const S=v(I);A.readyState!==W.OPEN&&T.catch(I),D.then(()=>{if(S(),!x){const Y=()=>A.close(1e3,"Normal Closure");isFinite(o)&&o>0?(clearTimeout(ue),ue=setTimeout(()=>{!x&&A.readyState===W.OPEN&&Y()},o)):Y()}E()})})]}function je(A){if(Pe(A)&&(Bt(A.code)||[V.InternalServerError,V.InternalClientError,V.BadRequest,V.BadResponse,V.Unauthorized,V.SubprotocolNotAcceptable,V.SubscriberAlreadyExists,V.TooManyInitialisationRequests].includes(A.code)))throw A;if(Ue)return!1;if(Pe(A)&&A.code===1e3)return x>0;if(!r||ie>=r||!h(A))throw A;return y=!0}s||(async()=>{for(x++;;)try{const[,,A]=await He();await A}catch(A){try{if(!je(A))return}catch(T){return n?.(T)}}})();function Ge(A,T){const w=i(A);let D=!1,E=!1,I=()=>{x--,D=!0};return(async()=>{for(x++;;)try{const[S,Y,re]=await He();if(D)return re.catch(()=>{}),Y();const Ae=q.onMessage(w,oe=>{switch(oe.type){case U.Next:{T.next(oe.payload);return}case U.Error:{E=!0,D=!0,T.error(oe.payload),I();return}case U.Complete:{D=!0,I();return}}});S.send(pe({id:w,type:U.Subscribe,payload:A},p)),I=()=>{!D&&S.readyState===W.OPEN&&S.send(pe({id:w,type:U.Complete},p)),x--,D=!0,Y()},await re.finally(Ae);return}catch(S){if(!je(S))return}})().then(()=>{E||T.complete()}).catch(S=>{T.error(S)}),()=>{D||I()}}return{on:q.on,subscribe:Ge,iterate(A){const T=[],w={done:!1,error:null,resolve:()=>{}},D=Ge(A,{next(I){T.push(I),w.resolve()},error(I){w.done=!0,w.error=I,w.resolve()},complete(){w.done=!0,w.resolve()}}),E=(async function*(){for(;;){for(T.length||await new Promise(S=>w.resolve=S);T.length;)yield T.shift();if(w.error)throw w.error;if(w.done)return}})();return E.throw=async I=>(w.done||(w.done=!0,w.error=I,w.resolve()),{done:!0,value:void 0}),E.return=async()=>(D(),{done:!0,value:void 0}),E},async dispose(){if(Ue=!0,g){const[A]=await g;A.close(1e3,"Normal Closure")}},terminate(){g&&q.emit("closed",new nt)}}}class nt extends Error{name="TerminatedCloseEvent";message="4499: Terminated";code=4499;reason="Terminated";wasClean=!1}function Pe(e){return te(e)&&"code"in e&&"reason"in e}function Bt(e){return[1e3,1001,1006,1005,1012,1013,1014].includes(e)?!1:e>=1e3&&e<=1999}function Vt(e){return typeof e=="function"&&"constructor"in e&&"CLOSED"in e&&"CLOSING"in e&&"CONNECTING"in e&&"OPEN"in e}const ke=window.location.pathname.split("/"),Le=ke.indexOf("app",2),Ut=decodeURIComponent(Le>1?ke[Le-1]:"saint-ismier"),mt=`${Le>1?ke.slice(0,Le).join("/"):"/saint-ismier"}/graphql`,Ht=`${window.location.protocol==="https:"?"wss":"ws"}://${window.location.host}${mt}`,Me="creneau.token",Oe="creneau.role",Fe="creneau.name";class fe extends Error{constructor(t,a){super(t),this.code=a,this.name="ApiError"}code}function de(){const e=sessionStorage.getItem(Me);if(e)return{token:e,role:sessionStorage.getItem(Oe)??"PARENT",name:sessionStorage.getItem(Fe)??""}}function jt(e){sessionStorage.setItem(Me,e.token),sessionStorage.setItem(Oe,e.role),sessionStorage.setItem(Fe,e.name),bt()}function pt(){sessionStorage.removeItem(Me),sessionStorage.removeItem(Oe),sessionStorage.removeItem(Fe),bt()}function ft(e){return e?.role==="STAFF"||e?.role==="ADMIN"}async function L(e,t){const a={"content-type":"application/json",accept:"application/graphql-response+json, application/json;q=0.9"},s=de()?.token;s&&(a.authorization=`Bearer ${s}`);let n;try{n=await fetch(mt,{method:"POST",headers:a,body:JSON.stringify({query:e.toString(),variables:t})})}catch{throw new fe("Le serveur ne répond pas. Vérifiez votre connexion.","NETWORK")}let o;try{o=await n.json()}catch{throw new fe(`Réponse inattendue du serveur (HTTP ${n.status}).`,void 0)}const l=o.errors?.[0];if(l)throw l.extensions?.code==="UNAUTHENTICATED"&&s&&(pt(),window.location.hash="#/connexion"),new fe(l.message,l.extensions?.code);if(o.data==null)throw new fe(`Réponse vide du serveur (HTTP ${n.status}).`,void 0);return o.data}let be;function bt(){const e=be;be=void 0,e?.dispose()}function Gt(){return be||(be=Ft({url:Ht,lazy:!0,connectionParams:()=>{const e=de()?.token;return e?{authToken:e}:{}},retryAttempts:0})),be}function Ee(e,t,a,s,n=()=>{}){let o=t.after??null,l=!1,b=()=>{};const c=()=>{b=Gt().subscribe({query:e.toString(),variables:{...t,after:o}},{next:r=>{const f=r.errors?.[0];f?n(f.message):r.data&&(o=a(r.data),s(r.data))},error:r=>{if(Array.isArray(r)){n(r[0]?.message??"Abonnement refusé.");return}l||setTimeout(()=>!l&&c(),3e3)},complete:()=>{}})};return c(),()=>{l=!0,b()}}async function zt(e,t){const a=de()?.token,s=await fetch(e,{headers:a?{authorization:`Bearer ${a}`}:{}});if(!s.ok)throw new fe(`Téléchargement impossible (HTTP ${s.status}).`,void 0);const n=URL.createObjectURL(await s.blob()),o=document.createElement("a");o.href=n,o.download=t,document.body.append(o),o.click(),o.remove(),setTimeout(()=>URL.revokeObjectURL(n),6e4)}class C extends String{__apiType;value;__meta__;constructor(t,a){super(t),this.value=t,this.__meta__=a}toString(){return this.value}}const Yt=new C(`
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
    `,{hash:"sha256:bdd851576152e572d866746a41108db151641fe0ae47185d8e8bdae25f26494e"}),Kt=new C(`
    mutation WebLogout {
  logout {
    ok
  }
}
    `,{hash:"sha256:97c59e7946d02b8e99f4dda689af12c2401b143d06b396d21f087b20946ed332"}),Zt=new C(`
    query WebViewer {
  viewer {
    unreadMessageCount
  }
  collectivity {
    name
    serviceName
  }
}
    `,{hash:"sha256:f7b05a7826c8bc557ff3a3d97d28dad2bfc7647fc228467f24e553efe16e0b6b"}),Jt=new C(`
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
    `,{hash:"sha256:3bae1623cee281c36c615ed3a410f333ab914fb3229da4ad36ee2f1311539db9"}),Qt=new C(`
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
    `,{hash:"sha256:e4fbc00dd521bbae70aae90c59bd14bdd2cc62584bd276d44be51facdfdff1f7"}),Xt=new C(`
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
    `,{hash:"sha256:5639de3463ab05de2acc67ea1746ce2d4944626d18d1196d8bd8c65ebc78b8af"}),en=new C(`
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
    `,{hash:"sha256:4ecf82079b1af18d304c67906669c38433e8eb3b4b8c566d0b3f305454fcee97"}),tn=new C(`
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
    `,{hash:"sha256:8af3265acdf405c924c8531ed24cf803f62f312af537c363eb236f2dacc9c3ad"}),nn=new C(`
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
    `,{hash:"sha256:46b85cc04a75b5ab596037ef2d3fade100f125ef070d214725f030b778b1ab0f"}),an=new C(`
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
    `,{hash:"sha256:78fda22e49de7612a17691f63ec1cb23fc80757daeba68aabe754ec5beffa9b2"}),sn=new C(`
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
    `,{hash:"sha256:542b86431ef9c47eb28a932f5d6e6df6f04f0cb608321c7b46308060b4138a69"}),rn=new C(`
    mutation WebRequestCancel($request: ID!) {
  requestCancel(input: {request: $request}) {
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:a2bb8891c931779eb8e689479f34dc840a1ed4bec265d4e00e4732025fa47808"}),on=new C(`
    mutation WebMessagePost($input: RequestMessagePostInput!) {
  requestMessagePost(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:d9508a3ade68fb66b30571d7ff52eb47f49db5282cb4ad60f5932249e10061d5"}),cn=new C(`
    mutation WebMessagesMarkRead($requests: [ID!]!) {
  messagesMarkRead(input: {requests: $requests}) {
    errors {
      message
    }
  }
}
    `,{hash:"sha256:a37411cb2e160b9893627a8844d155d2c4b8ea4753a84a03cb73f3beac1dd6fd"}),ln=new C(`
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
    `,{hash:"sha256:a0a000d757e993e8b1c686a172252c3f23566cee1c57e35871af40e918fcc21e"}),dn=new C(`
    subscription WebPlanningChanged($after: String) {
  planningChanged(after: $after) {
    cursor
    date
    statusLabel
  }
}
    `,{hash:"sha256:389965ae91f1b6568b246ff0fa80fa80aeb64e788153422759ab61c3e50aa85b"}),un=new C(`
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
    `,{hash:"sha256:9ed8b5a1025c2a49deed9e578d218700810cefbf9a6aafea57c417a0b72de2c0"}),mn=new C(`
    mutation WebPaymentStart($invoice: ID!) {
  invoicePaymentStart(input: {invoice: $invoice}) {
    paymentUrl
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:28ecac4450a173380b78eb073cf232e68ae7a52904bc99630a98130812cd0d38"}),pn=new C(`
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
    `,{hash:"sha256:edc290d4669b7c710216003002ef70aee30d63a1b923cf6b769b8279b8d8effc"}),fn=new C(`
    mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
  guardianChangeRequestCreate(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:f62d326a0aacb38df2269631e88bd8048741bde7ebdd400f741912f95cd8a915"}),bn=new C(`
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
    `,{hash:"sha256:20fa46666e61d27ad1b0010a2b676c51290bf1b079a87b8fc91f09f99a09e297"}),hn=new C(`
    mutation WebRequestAccept($input: RequestAcceptInput!) {
  requestAccept(input: $input) {
    errors {
      code
      message
    }
  }
}
    `,{hash:"sha256:22eec8c5fab470a835b2551635a09520799e21c83e8e0a1e14d3f26ef6dcd3b6"}),$n=new C(`
    mutation WebRequestRefuse($input: RequestRefuseInput!) {
  requestRefuse(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:eab242912897c87f129e1972ec46c204b2343b5769685c21e5125f5189b1a4ab"}),gn=new C(`
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
    `,{hash:"sha256:98d627a9d39f101b9756d6deb1351f273003c8035a93195a45aa9b4f066ba0dc"}),yn=new C(`
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
    `,{hash:"sha256:08fcfedc214128c4da34d87f3d3d1a966206c5fb21c8c9ffd77607b22c994e83"}),vn=new C(`
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
    `,{hash:"sha256:5386dd6751085c626dd43653b57e35ae22a5dce6a2c4ca036999ece8dd12861e"}),wn=new C(`
    mutation WebAttendanceMark($input: AttendanceMarkInput!) {
  attendanceMark(input: $input) {
    errors {
      code
      message
      field
    }
  }
}
    `,{hash:"sha256:78032914f905d15ffd3d97799db5387bda31f728e46d82d67d8fb2caf5461a10"}),An={"\n  mutation WebLogin($email: String!, $password: String!) {\n    login(input: { email: $email, password: $password }) {\n      token\n      account {\n        firstName\n        lastName\n        role\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":Yt,"\n  mutation WebLogout {\n    logout {\n      ok\n    }\n  }\n":Kt,"\n  query WebViewer {\n    viewer {\n      unreadMessageCount\n    }\n    collectivity {\n      name\n      serviceName\n    }\n  }\n":Zt,"\n  query WebFamilyChildren {\n    viewer {\n      family {\n        id\n        children {\n          id\n          firstName\n          lastName\n          registrations {\n            id\n            status\n            startDate\n            endDate\n            activity {\n              id\n              name\n              code\n              slots {\n                id\n                weekday\n                startTime\n                endTime\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n":Jt,"\n  query WebPlanning($from: Date!, $to: Date!, $children: [ID!]) {\n    planning(range: { gte: $from, lte: $to }, children: $children) {\n      occurrences {\n        slotId\n        date\n        startTime\n        endTime\n        status\n        statusLabel\n        canReserve\n        reserveBlocker\n        reserveWouldWaitList\n        canCancel\n        absenceWouldBeBilled\n        child {\n          id\n          firstName\n        }\n        activity {\n          id\n          name\n        }\n      }\n    }\n  }\n":Qt,"\n  mutation WebReservationPreview($input: ReservationRequestCreateInput!) {\n    reservationRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        absenceWouldBeBilled\n        child {\n          firstName\n        }\n        slot {\n          startTime\n          endTime\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":Xt,"\n  mutation WebReservationCreate($input: ReservationRequestCreateInput!) {\n    reservationRequestCreate(input: $input) {\n      request {\n        id\n        referenceLabel\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":en,"\n  mutation WebAbsencePreview($input: AbsenceRequestCreateInput!) {\n    absenceRequestPreview(input: $input) {\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n        priceCents\n        absenceWouldBeBilled\n        child {\n          firstName\n        }\n        slot {\n          startTime\n          endTime\n        }\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":tn,"\n  mutation WebAbsenceCreate($input: AbsenceRequestCreateInput!) {\n    absenceRequestCreate(input: $input) {\n      request {\n        id\n        referenceLabel\n        statusLabel\n      }\n      lines {\n        date\n        outcome\n        outcomeLabel\n        message\n      }\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":nn,"\n  query WebRequests($where: RequestFilter, $order: RequestOrder!, $first: Int!) {\n    requests(where: $where, order: $order, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          referenceLabel\n          type\n          typeLabel\n          status\n          statusLabel\n          createdAt\n          periodStart\n          periodEnd\n          unreadMessageCount\n          child {\n            firstName\n            lastName\n          }\n          activity {\n            name\n          }\n          family {\n            name\n          }\n          lines {\n            id\n            date\n            actionLabel\n            status\n            statusLabel\n            child {\n              firstName\n            }\n            slot {\n              startTime\n              endTime\n            }\n          }\n        }\n      }\n    }\n  }\n":an,"\n  query WebRequestDetail($id: ID!) {\n    node(id: $id) {\n      ... on Request {\n        id\n        referenceLabel\n        typeLabel\n        status\n        statusLabel\n        createdAt\n        periodStart\n        periodEnd\n        comment\n        reason\n        unreadMessageCount\n        child {\n          firstName\n          lastName\n        }\n        activity {\n          name\n          establishment {\n            name\n          }\n        }\n        lines {\n          id\n          date\n          actionLabel\n          statusLabel\n          message\n        }\n        changes {\n          label\n          currentValue\n          proposedValue\n        }\n        history {\n          at\n          label\n          statusLabel\n          note\n        }\n        messages {\n          subject\n          body\n          fromStaff\n          createdAt\n        }\n      }\n    }\n  }\n":sn,"\n  mutation WebRequestCancel($request: ID!) {\n    requestCancel(input: { request: $request }) {\n      errors {\n        code\n        message\n      }\n    }\n  }\n":rn,"\n  mutation WebMessagePost($input: RequestMessagePostInput!) {\n    requestMessagePost(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":on,"\n  mutation WebMessagesMarkRead($requests: [ID!]!) {\n    messagesMarkRead(input: { requests: $requests }) {\n      errors {\n        message\n      }\n    }\n  }\n":cn,"\n  subscription WebRequestStatusChanged($after: String) {\n    requestStatusChanged(after: $after) {\n      cursor\n      step\n      stepLabel\n      status\n      statusLabel\n      referenceLabel\n      typeLabel\n      request {\n        id\n        status\n        statusLabel\n      }\n    }\n  }\n":ln,"\n  subscription WebPlanningChanged($after: String) {\n    planningChanged(after: $after) {\n      cursor\n      date\n      statusLabel\n    }\n  }\n":dn,"\n  query WebInvoices($first: Int!) {\n    invoices(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          kindLabel\n          issuer\n          periodStart\n          periodEnd\n          issuedOn\n          dueOn\n          totalCents\n          remainingCents\n          status\n          statusLabel\n          canPayOnline\n          pdfUrl\n          payments {\n            operationNumber\n            methodLabel\n            paidOn\n            amountCents\n          }\n        }\n      }\n    }\n  }\n":un,"\n  mutation WebPaymentStart($invoice: ID!) {\n    invoicePaymentStart(input: { invoice: $invoice }) {\n      paymentUrl\n      errors {\n        code\n        message\n      }\n    }\n  }\n":mn,"\n  query WebFamilyFile {\n    viewer {\n      family {\n        id\n        name\n        subscriberCode\n        statusLabel\n        directDebit\n        guardians {\n          id\n          firstName\n          lastName\n          relationshipLabel\n          email\n          phone\n          mobilePhone\n          isPayer\n          isAllocataire\n          address {\n            line1\n            postalCode\n            city\n          }\n          pendingChanges {\n            label\n            currentValue\n            proposedValue\n          }\n        }\n        children {\n          id\n          firstName\n          lastName\n          birthDate\n          gradeLabel\n          school {\n            name\n          }\n          pendingChanges {\n            label\n            currentValue\n            proposedValue\n          }\n        }\n        pendingChanges {\n          label\n          subject\n          currentValue\n          proposedValue\n          request {\n            id\n            referenceLabel\n            statusLabel\n          }\n        }\n      }\n    }\n  }\n":pn,"\n  mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {\n    guardianChangeRequestCreate(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":fn,"\n  subscription WebStaffInbox($after: String) {\n    staffInbox(after: $after) {\n      cursor\n      step\n      stepLabel\n      referenceLabel\n      request {\n        id\n        status\n      }\n    }\n  }\n":bn,"\n  mutation WebRequestAccept($input: RequestAcceptInput!) {\n    requestAccept(input: $input) {\n      errors {\n        code\n        message\n      }\n    }\n  }\n":hn,"\n  mutation WebRequestRefuse($input: RequestRefuseInput!) {\n    requestRefuse(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":$n,"\n  query WebActivities {\n    activities(first: 100) {\n      edges {\n        node {\n          id\n          name\n          isActive\n          schoolYear {\n            startDate\n            endDate\n          }\n          establishment {\n            name\n          }\n          slots {\n            id\n            weekday\n            startTime\n            endTime\n          }\n        }\n      }\n    }\n  }\n":gn,"\n  query WebFamiliesChildren($after: String) {\n    families(first: 100, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          name\n          children {\n            id\n          }\n        }\n      }\n    }\n  }\n":yn,"\n  query WebAttendancePlanning($date: Date!, $children: [ID!], $activities: [ID!]) {\n    planning(range: { gte: $date, lte: $date }, children: $children, activities: $activities) {\n      occurrences {\n        slotId\n        date\n        status\n        statusLabel\n        child {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n":vn,"\n  mutation WebAttendanceMark($input: AttendanceMarkInput!) {\n    attendanceMark(input: $input) {\n      errors {\n        code\n        message\n        field\n      }\n    }\n  }\n":wn};function N(e){return An[e]??{}}const qn=N(`
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
`),Dn=N(`
  query WebViewer {
    viewer {
      unreadMessageCount
    }
    collectivity {
      name
      serviceName
    }
  }
`),ht=N(`
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
`),Rn=N(`
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
`),Ln=N(`
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
`),Cn=N(`
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
`),Nn=N(`
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
`),Tn=N(`
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
`),$t=N(`
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
`),En=N(`
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
`),In=N(`
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
`),gt=N(`
  mutation WebMessagesMarkRead($requests: [ID!]!) {
    messagesMarkRead(input: { requests: $requests }) {
      errors {
        message
      }
    }
  }
`),yt=N(`
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
`),xn=N(`
  subscription WebPlanningChanged($after: String) {
    planningChanged(after: $after) {
      cursor
      date
      statusLabel
    }
  }
`),Wn=N(`
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
`),_n=N(`
  mutation WebPaymentStart($invoice: ID!) {
    invoicePaymentStart(input: { invoice: $invoice }) {
      paymentUrl
      errors {
        code
        message
      }
    }
  }
`),kn=N(`
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
`),Mn=N(`
  mutation WebGuardianChange($input: GuardianChangeRequestCreateInput!) {
    guardianChangeRequestCreate(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),On=N(`
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
`),Fn=N(`
  mutation WebRequestAccept($input: RequestAcceptInput!) {
    requestAccept(input: $input) {
      errors {
        code
        message
      }
    }
  }
`),Bn=N(`
  mutation WebRequestRefuse($input: RequestRefuseInput!) {
    requestRefuse(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`),Vn=N(`
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
`),Un=N(`
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
`),Hn=N(`
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
`),jn=N(`
  mutation WebAttendanceMark($input: AttendanceMarkInput!) {
    attendanceMark(input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`);function Gn(){const e=window.location.hash.replace(/^#/,"")||"/",[t="/",a=""]=e.split("?");return{path:t,params:new URLSearchParams(a)}}function F(e,t={}){const a=new URLSearchParams;for(const[n,o]of Object.entries(t))o&&a.set(n,o);const s=a.toString();return`#${e}${s?`?${s}`:""}`}function K(e,t={}){window.location.hash=F(e,t)}const vt=[{code:"AVAILABLE",symbol:"+",legend:"Réservable"},{code:"RESERVED",symbol:"✓",legend:"Activité réservée"},{code:"PRESENT",symbol:"●",legend:"Enfant présent"},{code:"PENDING",symbol:"…",legend:"Demande en attente de validation"},{code:"WAITING_LIST",symbol:"☰",legend:"Enfant en liste d'attente"},{code:"ABSENT",symbol:"✗",legend:"Enfant absent à cette activité"},{code:"ABSENT_BILLED",symbol:"€",legend:"Absence facturée"}];function zn(e){return vt.find(t=>t.code===e)?.symbol??""}function Yn(){return u`<section class="legend" aria-labelledby="legend-title">
    <h2 id="legend-title" class="small-title">Légende</h2>
    <ul>
      ${vt.map(e=>u`<li><span class="slot status-${e.code}" aria-hidden="true">${e.symbol}</span> ${e.legend}</li>`)}
    </ul>
  </section>`}function j(e){return e?u`<p class="error" role="alert">${e}</p>`:""}function Z(){return u`<p class="muted" role="status">Chargement…</p>`}function G(e){const t=document.getElementById("live-region");t&&(t.textContent=e)}function X(){const e=document.querySelector("main h1");e&&(e.tabIndex=-1,e.focus())}function P(e){return e instanceof Error?e.message:String(e)}function Kn(e,t){let a,s=!1;async function n(l){l.preventDefault();const b=new FormData(l.target);s=!0,a=void 0,o();try{const{login:c}=await L(qn,{email:String(b.get("email")??""),password:String(b.get("password")??"")}),r=c.errors[0];if(r||!c.token||!c.account)a=r?.message??"Connexion refusée.";else{const f=c.account.role;jt({token:c.token,role:f,name:`${c.account.firstName} ${c.account.lastName}`}),K(f==="STAFF"||f==="ADMIN"?"/agent/demandes":"/planning");return}}catch(c){a=P(c)}s=!1,o(),e.querySelector("#email")?.focus()}function o(){B(u`<h1>${t?"Espace agents":"Connexion à l'espace famille"}</h1>
        <form class="card narrow" @submit=${l=>{n(l)}}>
          ${j(a)}
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
          <button type="submit" ?disabled=${s}>${s?"Connexion…":"Se connecter"}</button>
        </form>
        <p class="muted">
          ${t?u`Vous êtes parent ? <a href="#/connexion">Espace famille</a>`:u`Vous êtes agent de la collectivité ? <a href="#/agent">Espace agents</a>`}
        </p>`,e)}return o(),e.querySelector("#email")?.focus(),()=>{}}const Zn=new Intl.NumberFormat("fr-FR",{style:"currency",currency:"EUR"}),Jn=new Intl.DateTimeFormat("fr-FR",{weekday:"long",day:"numeric",month:"long",timeZone:"UTC"}),Qn=new Intl.DateTimeFormat("fr-FR",{weekday:"short",day:"2-digit",month:"2-digit",timeZone:"UTC"}),Xn=new Intl.DateTimeFormat("fr-FR",{timeZone:"UTC"}),ea=new Intl.DateTimeFormat("fr-FR",{month:"long",year:"numeric",timeZone:"UTC"}),ta=new Intl.DateTimeFormat("fr-FR",{dateStyle:"medium",timeStyle:"short",timeZone:"Europe/Paris"});function se(e){return new Date(`${e}T00:00:00Z`)}function he(e){return e==null?"—":Zn.format(e/100)}function Q(e){return Jn.format(se(e))}function na(e){return Qn.format(se(e))}function z(e){return e?Xn.format(se(e)):"—"}function Ce(e){return ta.format(new Date(e))}function H(e){return e.slice(0,5)}function xe(e){return ea.format(se(`${e}-01`))}function Be(){return new Intl.DateTimeFormat("en-CA",{timeZone:"Europe/Paris"}).format(new Date)}function qe(e,t){const a=se(`${e}-01`);return a.setUTCMonth(a.getUTCMonth()+t),a.toISOString().slice(0,7)}function aa(e){const t=se(`${e}-01`);return t.setUTCMonth(t.getUTCMonth()+1,0),t.toISOString().slice(0,10)}const Ve=[["MONDAY","lundi"],["TUESDAY","mardi"],["WEDNESDAY","mercredi"],["THURSDAY","jeudi"],["FRIDAY","vendredi"],["SATURDAY","samedi"],["SUNDAY","dimanche"]];function sa(e){const t=(se(e).getUTCDay()+6)%7;return Ve[t][0]}function ia(e){return Ve.find(([t])=>t===e)?.[1]??e}function le(){const e=crypto.getRandomValues(new Uint8Array(16));return Array.from(e,t=>t.toString(16).padStart(2,"0")).join("")}const ra={DEADLINE_PASSED:"délai dépassé",ALREADY_RESERVED:"déjà réservé",NOT_RESERVED:"pas de réservation",PENDING_REQUEST:"demande en cours",STARTED:"activité commencée",NOT_REGISTERED:"pas d'inscription",OUTSIDE_REGISTRATION_PERIOD:"hors période d'inscription",CLOSED_DAY:"jour de fermeture",NOT_ELIGIBLE:"non éligible",EXCLUSIVE_SLOT_TAKEN:"un autre créneau du groupe est réservé",SLOT_FULL:"complet",MONTHLY_LIMIT_REACHED:"nombre de jours du mois atteint"};function oa(e,t){const a=t.get("mois")??Be().slice(0,7),s=t.get("enfant")??"";let n=[],o,l,b=!0,c;async function r(){try{const[i,p]=await Promise.all([n.length?void 0:L(ht,{}),L(Rn,{from:`${a}-01`,to:aa(a),children:s?[s]:null})]);i&&(n=i.viewer.family?.children??[]),o=p.planning.occurrences,l=void 0}catch(i){l=P(i)}d(),b&&o&&(b=!1,performance.mark("creneau:planning-rendered"),e.querySelector(".planning")?.setAttribute("data-rendered","1"))}function f(i){const p=`${i.activity.name}, ${H(i.startTime)} – ${H(i.endTime)}, ${i.child.firstName} : ${i.statusLabel}`,$=u`<span class="symbol" aria-hidden="true">${zn(i.status)}</span>
      <span class="slot-name">${i.activity.name}</span>
      <span class="slot-time">${H(i.startTime)} – ${H(i.endTime)}</span>
      <span class="slot-child">${i.child.firstName}</span>`,R={enfant:i.child.id,activite:i.activity.id,date:i.date,creneau:i.slotId};if(i.canReserve){const q=i.reserveWouldWaitList?" (liste d'attente)":"";return u`<a
        class="slot status-${i.status}"
        href=${F("/reservation",R)}
        aria-label=${`${p}. Réserver${q}`}
        title=${`${i.statusLabel} — réserver${q}`}
        >${$}</a
      >`}if(i.canCancel){const q=i.absenceWouldBeBilled?" (absence facturée)":"";return u`<a
        class="slot status-${i.status}"
        href=${F("/absence",R)}
        aria-label=${`${p}. Déclarer une absence${q}`}
        title=${`${i.statusLabel} — déclarer une absence${q}`}
        >${$}</a
      >`}const W=i.reserveBlocker&&i.status==="AVAILABLE"?` (${ra[i.reserveBlocker]??i.reserveBlocker})`:"";return u`<div class="slot status-${i.status}" title=${i.statusLabel+W}>
      ${$}<span class="visually-hidden">: ${i.statusLabel}${W}</span>
    </div>`}function h(){if(!o)return Z();if(!o.length)return u`<p>Aucune activité ce mois-ci.</p>`;const i=new Map;for(const p of o)i.set(p.date,[...i.get(p.date)??[],p]);return u`<ol class="days">
      ${[...i.entries()].map(([p,$])=>u`<li class="day">
          <h3>${Q(p)}</h3>
          <ul>
            ${$.map(R=>u`<li>${f(R)}</li>`)}
          </ul>
        </li>`)}
    </ol>`}function d(){B(u`<h1>Planning des activités — ${xe(a)}</h1>
        <div class="toolbar">
          <a class="button secondary" href=${F("/planning",{mois:qe(a,-1),enfant:s})}
            >← <span class="visually-hidden">Mois précédent : </span>${xe(qe(a,-1))}</a
          >
          <a class="button secondary" href=${F("/planning",{mois:qe(a,1),enfant:s})}
            ><span class="visually-hidden">Mois suivant : </span>${xe(qe(a,1))} →</a
          >
          <label for="child-filter">Enfant</label>
          <select
            id="child-filter"
            @change=${i=>K("/planning",{mois:a,enfant:i.target.value})}
          >
            <option value="" ?selected=${!s}>Tous les enfants</option>
            ${n.map(i=>u`<option value=${i.id} ?selected=${i.id===s}>${i.firstName}</option>`)}
          </select>
          <a class="button" href=${F("/reservation",{enfant:s})}>Réservations</a>
          <a class="button" href=${F("/absence",{enfant:s})}>Absences</a>
        </div>
        ${j(l)} ${Yn()}
        <section class="planning" aria-label="Planning du mois">${h()}</section>`,e)}d(),X(),r();const m=Ee(xn,{after:null},i=>i.planningChanged.cursor,()=>{window.clearTimeout(c),c=window.setTimeout(()=>{r()},300)});return()=>{window.clearTimeout(c),m()}}function at(e,t,a){const s=t.get("date")??"",n={child:t.get("enfant")??"",activity:t.get("activite")??"",from:s,to:s,weekdays:[],slot:t.get("creneau")??"",text:""};let o,l,b,c,r=!1,f=le();const h=a==="reservation"?"Réservation d'activité":"Déclaration d'absence";function d(){const v=o?.find(x=>x.id===n.child),g=Be();return(v?.registrations??[]).filter(x=>x.status==="ACTIVE"&&x.endDate>=g)}function m(){const v=n.from===n.to,g={children:[n.child],activity:n.activity,slots:n.slot?[n.slot]:null,idempotencyKey:f,...v?{date:n.from}:{dates:{gte:n.from,lte:n.to}},...!v&&n.weekdays.length?{weekdays:n.weekdays}:{}};return a==="absence"?{...g,reason:n.text||null}:{...g,comment:n.text||null}}async function i(){r=!0,c=void 0,b=void 0,q();try{const v={input:m()};l=a==="reservation"?(await L(Ln,v)).reservationRequestPreview:(await L(Nn,v)).absenceRequestPreview,G(`Aperçu : ${l.lines.length} date(s).`)}catch(v){c=P(v)}r=!1,q(),e.querySelector("#preview-title")?.focus()}async function p(){r=!0,c=void 0,q();try{const v={input:m()};b=a==="reservation"?(await L(Cn,v)).reservationRequestCreate:(await L(Tn,v)).absenceRequestCreate,l=void 0,f=le(),G(b.request?`Demande ${b.request.referenceLabel} enregistrée.`:"Demande refusée.")}catch(v){c=P(v)}r=!1,q(),e.querySelector("#result-title")?.focus()}function $(v,g){v==="weekdays"?n.weekdays=n.weekdays.includes(g)?n.weekdays.filter(x=>x!==g):[...n.weekdays,g]:n[v]=g,v==="child"&&(n.activity="",n.slot=""),v==="activity"&&(n.slot=""),v==="from"&&(!n.to||n.to<g)&&(n.to=g),l=void 0,b=void 0,q()}function R(){if(!l)return"";const v=l.errors.length===0&&l.lines.some(g=>g.outcome!=="REJECTED");return u`<section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title" tabindex="-1">Aperçu de la demande</h2>
      ${l.errors.map(g=>u`<p class="error" role="alert">${g.message}</p>`)}
      ${l.lines.length?u`<div class="table-wrap"><table class="stack">
            <caption class="visually-hidden">Résultat prévu pour chaque date</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">Créneau</th><th scope="col">Résultat</th><th scope="col">Prix</th><th scope="col">Détail</th></tr></thead>
            <tbody>
              ${l.lines.map(g=>u`<tr class=${`outcome-${g.outcome}`}>
                  <td data-label="Date">${na(g.date)}</td>
                  <td data-label="Créneau">${g.slot?`${H(g.slot.startTime)} – ${H(g.slot.endTime)}`:"—"}</td>
                  <td data-label="Résultat">${g.outcomeLabel}</td>
                  <td data-label=${a==="absence"?"Facturation":"Prix"}>${a==="absence"?g.absenceWouldBeBilled?"facturée":"non facturée":he(g.priceCents)}</td>
                  <td data-label="Détail">${g.message}</td>
                </tr>`)}
            </tbody>
          </table></div>
          ${a==="reservation"?u`<p>
                ${l.lines.filter(g=>g.outcome!=="REJECTED").length} date(s) sur
                ${l.lines.length} — montant estimé :
                <strong>${he(l.lines.filter(g=>g.outcome!=="REJECTED").reduce((g,x)=>g+(x.priceCents??0),0))}</strong>
              </p>`:""}`:""}
      ${v?u`<button type="button" class="primary" ?disabled=${r} @click=${()=>{p()}}>
            Confirmer la demande
          </button>`:u`<p>Aucune date ne peut être demandée : modifiez votre choix.</p>`}
    </section>`}function W(){return b?u`<section class="card success" aria-labelledby="result-title">
      <h2 id="result-title" tabindex="-1">
        ${b.request?`Demande ${b.request.referenceLabel} : ${b.request.statusLabel}`:"Demande non enregistrée"}
      </h2>
      ${b.errors.map(v=>u`<p class="error" role="alert">${v.message}</p>`)}
      <ul>
        ${b.lines.map(v=>u`<li>${Q(v.date)} : ${v.outcomeLabel}${v.message?` — ${v.message}`:""}</li>`)}
      </ul>
      <p><a href=${F("/demandes")}>Suivre mes demandes</a> · <a href=${F("/planning",{mois:n.from.slice(0,7)})}>Retour au planning</a></p>
    </section>`:""}function q(){if(!o){B(u`<h1>${h}</h1>${j(c)}${Z()}`,e);return}const v=d(),g=v.find(y=>y.activity.id===n.activity)?.activity,x=n.from!==""&&n.to!==""&&n.from!==n.to,ue=n.child&&n.activity&&n.from&&n.to;B(u`<h1>${h}</h1>
        <form class="card" @submit=${y=>{y.preventDefault(),i()}}>
          ${j(c)}
          <label for="f-child">1. Enfant</label>
          <select id="f-child" required @change=${y=>$("child",y.target.value)}>
            <option value="" ?selected=${!n.child}>Choisir un enfant</option>
            ${o.map(y=>u`<option value=${y.id} ?selected=${y.id===n.child}>${y.firstName} ${y.lastName}</option>`)}
          </select>
          <label for="f-activity">2. Activité</label>
          <select id="f-activity" required ?disabled=${!n.child} @change=${y=>$("activity",y.target.value)}>
            <option value="" ?selected=${!n.activity}>Choisir une activité</option>
            ${v.map(y=>u`<option value=${y.activity.id} ?selected=${y.activity.id===n.activity}>${y.activity.name}</option>`)}
          </select>
          ${g?u`<p class="muted">Inscription du ${z(v.find(y=>y.activity.id===n.activity)?.startDate)} au ${z(v.find(y=>y.activity.id===n.activity)?.endDate)}</p>`:""}
          <fieldset>
            <legend>3. Dates</legend>
            <div class="row">
              <span><label for="f-from">Du</label>
              <input id="f-from" type="date" required .value=${n.from} @change=${y=>$("from",y.target.value)} /></span>
              <span><label for="f-to">Au</label>
              <input id="f-to" type="date" required .value=${n.to} min=${n.from} @change=${y=>$("to",y.target.value)} /></span>
            </div>
            ${x?u`<fieldset class="weekdays"><legend>Jours (aucun coché : tous)</legend>
                  ${Ve.slice(0,5).map(([y,ie])=>u`<label class="check"><input type="checkbox" .checked=${n.weekdays.includes(y)} @change=${()=>$("weekdays",y)} /> ${ie}</label>`)}
                </fieldset>`:""}
          </fieldset>
          ${g&&g.slots.length>1?u`<label for="f-slot">Créneau</label>
                <select id="f-slot" @change=${y=>$("slot",y.target.value)}>
                  <option value="" ?selected=${!n.slot}>Tous les créneaux de l'activité</option>
                  ${g.slots.map(y=>u`<option value=${y.id} ?selected=${y.id===n.slot}>${ia(y.weekday)} ${H(y.startTime)} – ${H(y.endTime)}</option>`)}
                </select>`:""}
          <label for="f-text">${a==="absence"?"Motif (facultatif)":"Commentaire (facultatif)"}</label>
          <input id="f-text" type="text" maxlength="500" .value=${n.text} @change=${y=>$("text",y.target.value)} />
          <button type="submit" ?disabled=${!ue||r}>${r?"Patientez…":"Voir l'aperçu"}</button>
        </form>
        ${R()} ${W()}`,e)}return q(),X(),(async()=>{try{o=(await L(ht,{})).viewer.family?.children??[],!n.child&&o.length===1&&(n.child=o[0].id)}catch(v){c=P(v)}q(),n.child&&n.activity&&n.from&&await i()})(),()=>{}}function wt(e){const t=[e.typeLabel,e.activity?.name,e.child?.firstName].filter(Boolean).join(" — ");return e.periodStart&&e.periodEnd?e.periodStart===e.periodEnd?`${t} (${z(e.periodStart)})`:`${t} (du ${z(e.periodStart)} au ${z(e.periodEnd)})`:t}function ca(e,t){const a=t.get("etat")??"";let s,n=0,o;const l=new Set;let b;async function c(){try{const{requests:d}=await L($t,{where:a?{stateGroup:a}:null,order:"NEWEST_FIRST",first:50});s=d.edges.map(m=>m.node),n=d.totalCount,o=void 0}catch(d){o=P(d)}f()}async function r(){const d=(s??[]).filter(m=>m.unreadMessageCount>0).map(m=>m.id);if(d.length)try{await L(gt,{requests:d}),await c(),G("Messages marqués comme lus.")}catch(m){o=P(m),f()}}function f(){B(u`<h1>Mes demandes${s?` (${n} résultat${n>1?"s":""})`:""}</h1>
        <div class="toolbar">
          <label for="state-filter">État</label>
          <select id="state-filter" @change=${d=>K("/demandes",{etat:d.target.value})}>
            <option value="" ?selected=${!a}>Tous</option>
            <option value="IN_PROGRESS" ?selected=${a==="IN_PROGRESS"}>En cours</option>
            <option value="PROCESSED" ?selected=${a==="PROCESSED"}>Traité</option>
          </select>
          <button type="button" class="secondary" @click=${()=>{r()}}>Tout marquer comme lu</button>
        </div>
        ${j(o)}
        ${s?u`<div class="table-wrap"><table class="requests stack">
              <caption class="visually-hidden">Vos demandes, la plus récente d'abord</caption>
              <thead><tr><th scope="col">Réf.</th><th scope="col">Date</th><th scope="col">Description</th><th scope="col">Statut</th><th scope="col">Messages</th></tr></thead>
              <tbody>
                ${s.map(d=>u`<tr data-request=${d.id} class=${l.has(d.id)?"changed":""}>
                    <td data-label="Réf."><a href=${F("/demande",{id:d.id})}>${d.referenceLabel}</a></td>
                    <td data-label="Date">${Ce(d.createdAt)}</td>
                    <td data-label="Description">${wt(d)}</td>
                    <td data-label="Statut" class="status" data-status=${d.status}>${d.statusLabel}</td>
                    <td data-label="Messages">${d.unreadMessageCount?u`<strong>${d.unreadMessageCount} nouveau(x) message(s)</strong>`:""}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:Z()}`,e)}f(),X(),c();const h=Ee(yt,{after:null},d=>d.requestStatusChanged.cursor,({requestStatusChanged:d})=>{G(`Demande ${d.referenceLabel} : ${d.stepLabel} — ${d.statusLabel}`);const m=s?.find(i=>i.id===d.request?.id);m&&d.request&&(m.status=d.request.status,m.statusLabel=d.request.statusLabel,l.add(m.id),f()),window.clearTimeout(b),b=window.setTimeout(()=>{c()},500)},d=>{o=d,f()});return()=>{window.clearTimeout(b),h()}}function At(e,t){const a=t.get("id")??"",s=ft(de());let n,o,l=!1,b=le();async function c(){try{const{node:m}=await L(En,{id:a});!m||!("referenceLabel"in m)?o="Demande introuvable.":(n=m,n.unreadMessageCount>0&&await L(gt,{requests:[a]}))}catch(m){o=P(m)}h()}async function r(m){m.preventDefault();const i=m.target,p=String(new FormData(i).get("body")??"").trim();if(p){l=!0,h();try{const{requestMessagePost:$}=await L(Pn,{input:{request:a,body:p,idempotencyKey:b}}),R=$.errors[0];R?o=R.message:(i.reset(),b=le(),G("Message envoyé."),await c())}catch($){o=P($)}l=!1,h()}}async function f(){l=!0,h();try{const m=(await L(In,{request:a})).requestCancel.errors[0];o=m?.message,m||G("Demande annulée."),await c()}catch(m){o=P(m)}l=!1,h()}function h(){if(!n){B(u`<h1>Demande</h1>${j(o)}${o?"":Z()}`,e);return}const m=n,i=m.status==="PENDING"||m.status==="TRANSMITTED";B(u`<h1>Demande ${m.referenceLabel}</h1>
        <p><a href=${F(s?"/agent/demandes":"/demandes")}>← ${s?"Demandes à traiter":"Mes demandes"}</a></p>
        ${j(o)}
        <section class="card">
          <dl class="facts">
            <dt>Type</dt><dd>${m.typeLabel}</dd>
            <dt>Statut</dt><dd class="status" data-status=${m.status}>${m.statusLabel}</dd>
            ${m.child?u`<dt>Enfant</dt><dd>${m.child.firstName} ${m.child.lastName}</dd>`:""}
            ${m.activity?u`<dt>Activité</dt><dd>${m.activity.name} (${m.activity.establishment.name})</dd>`:""}
            ${m.periodStart?u`<dt>Période</dt><dd>du ${z(m.periodStart)} au ${z(m.periodEnd)}</dd>`:""}
            ${m.reason?u`<dt>Raison</dt><dd>${m.reason}</dd>`:""}
            ${m.comment?u`<dt>Commentaire</dt><dd>${m.comment}</dd>`:""}
          </dl>
          ${i&&!s?u`<button type="button" class="secondary" ?disabled=${l} @click=${()=>{f()}}>Annuler la demande</button>`:""}
        </section>
        ${m.lines.length?u`<section class="card"><h2>Dates</h2><ul>
              ${m.lines.map(p=>u`<li>${Q(p.date)} — ${p.actionLabel} : <strong>${p.statusLabel}</strong>${p.message?` (${p.message})`:""}</li>`)}
            </ul></section>`:""}
        ${m.changes.length?u`<section class="card"><h2>Modifications demandées</h2><ul>
              ${m.changes.map(p=>u`<li>${p.label} : ${p.currentValue??"—"} → <mark>${p.proposedValue??"—"}</mark></li>`)}
            </ul></section>`:""}
        <section class="card"><h2>Historique de la demande</h2><ol class="history">
          ${m.history.map(p=>u`<li><time datetime=${p.at}>${Ce(p.at)}</time> — ${p.label}${p.label.includes(p.statusLabel)?"":u`<br />Statut : ${p.statusLabel}`}${p.note?u`<br />${p.note}`:""}</li>`)}
        </ol></section>
        <section class="card" aria-labelledby="messages-title"><h2 id="messages-title">Messages</h2>
          ${m.messages.length?u`<ol class="messages">
                ${m.messages.map(p=>u`<li class=${p.fromStaff?"from-staff":"from-family"}>
                  <p class="muted">${p.fromStaff?"La collectivité":"La famille"} — ${Ce(p.createdAt)}${p.subject?` — ${p.subject}`:""}</p>
                  <p class="message-body">${p.body}</p>
                </li>`)}
              </ol>`:u`<p class="muted">Aucun message.</p>`}
          <form @submit=${p=>{r(p)}}>
            <label for="message-body">Votre message</label>
            <textarea id="message-body" name="body" rows="3" maxlength="2000" required></textarea>
            <button type="submit" ?disabled=${l}>Envoyer</button>
          </form>
        </section>`,e)}return h(),X(),c(),Ee(yt,{after:null},m=>m.requestStatusChanged.cursor,({requestStatusChanged:m})=>{m.request?.id===a&&c()})}function la(e){let t,a=0,s,n="";async function o(){try{const{invoices:r}=await L(Wn,{first:50});t=r.edges.map(f=>f.node),a=r.totalCount}catch(r){s=P(r)}c()}async function l(r){try{await zt(r.pdfUrl,`facture-${r.number}.pdf`)}catch(f){s=P(f),c()}}async function b(r){n=r.id,s=void 0,c();try{const{invoicePaymentStart:f}=await L(_n,{invoice:r.id}),h=f.errors[0];if(h||!f.paymentUrl)s=h?.message??"Paiement impossible.";else{window.location.assign(f.paymentUrl);return}}catch(f){s=P(f)}n="",c()}function c(){B(u`<h1>Historique des factures${t?` (${a} résultat${a>1?"s":""})`:""}</h1>
        ${j(s)}
        ${t?t.length===0?u`<p>Aucune facture.</p>`:u`<div class="table-wrap"><table class="stack">
                <caption class="visually-hidden">Vos factures, la plus récente d'abord</caption>
                <thead><tr><th scope="col">Date</th><th scope="col">Numéro</th><th scope="col">Échéance</th><th scope="col">Émetteur</th><th scope="col">Montant</th><th scope="col">Reste à payer</th><th scope="col">Statut</th><th scope="col">Actions</th></tr></thead>
                <tbody>
                  ${t.map(r=>u`<tr>
                      <td data-label="Date">${z(r.issuedOn)}</td>
                      <td data-label="Numéro"><span>${r.number}<br /><span class="muted">${r.kindLabel}</span></span></td>
                      <td data-label="Échéance">${z(r.dueOn)}</td>
                      <td data-label="Émetteur">${r.issuer}</td>
                      <td data-label="Montant">${he(r.totalCents)}</td>
                      <td data-label="Reste à payer">${he(r.remainingCents)}</td>
                      <td data-label="Statut"><div>${r.statusLabel}
                        ${r.payments.length?u`<ul class="payments">${r.payments.map(f=>u`<li>${z(f.paidOn)} — ${f.methodLabel} n° ${f.operationNumber} : ${he(f.amountCents)}</li>`)}</ul>`:""}</div></td>
                      <td data-label="Actions" class="actions">
                        <button type="button" class="secondary" @click=${()=>{l(r)}} aria-label=${`PDF de la facture ${r.number}`}>PDF</button>
                        ${r.canPayOnline?u`<button type="button" ?disabled=${n===r.id} @click=${()=>{b(r)}} aria-label=${`Payer en ligne la facture ${r.number}`}>Payer en ligne</button>`:""}
                      </td>
                    </tr>`)}
                </tbody>
              </table></div>`:Z()}`,e)}return c(),X(),o(),()=>{}}function st(e){return e.length?u`<ul class="pending" aria-label="Modifications en attente de validation">
    ${e.map(t=>u`<li><mark>${t.label} : ${t.currentValue??"—"} → ${t.proposedValue??"—"} (en attente de validation)</mark></li>`)}
  </ul>`:""}function da(e){let t,a,s,n=le();async function o(){try{t=(await L(kn,{})).viewer.family}catch(c){a=P(c)}b()}async function l(c,r){c.preventDefault();const f=new FormData(c.target),h=String(f.get("mobilePhone")??"").trim();a=void 0,s=void 0;try{const{guardianChangeRequestCreate:d}=await L(Mn,{input:{guardian:r,changes:{mobilePhone:h},idempotencyKey:n}}),m=d.errors[0];if(m)a=m.message;else{n=le(),s="Demande de modification envoyée : elle s'affiche en jaune jusqu'à sa validation.",G(s),await o();return}}catch(d){a=P(d)}b()}function b(){if(t===void 0){B(u`<h1>Dossier famille</h1>${j(a)}${a?"":Z()}`,e);return}if(t===null){B(u`<h1>Dossier famille</h1><p>Aucun dossier famille n'est rattaché à ce compte.</p>`,e);return}const c=t;B(u`<h1>Dossier famille — ${c.name}</h1>
        ${j(a)} ${s?u`<p class="notice" role="status">${s}</p>`:""}
        <section class="card">
          <dl class="facts">
            <dt>Code abonné</dt><dd>${c.subscriberCode??"—"}</dd>
            <dt>Statut du dossier</dt><dd>${c.statusLabel}</dd>
            <dt>Prélèvement automatique</dt><dd>${c.directDebit?"oui":"non"}</dd>
          </dl>
        </section>
        ${c.pendingChanges.length?u`<section class="card"><h2>Modifications en attente</h2><ul>
              ${c.pendingChanges.map(r=>u`<li><mark>${r.subject?`${r.subject} — `:""}${r.label} : ${r.currentValue??"—"} → ${r.proposedValue??"—"}</mark>
                (<a href=${F("/demande",{id:r.request.id})}>demande ${r.request.referenceLabel}</a>, ${r.request.statusLabel})</li>`)}
            </ul></section>`:""}
        <h2>Responsables</h2>
        ${c.guardians.map(r=>u`<section class="card" aria-label=${`${r.firstName} ${r.lastName}`}>
            <h3>${r.firstName} ${r.lastName}${r.relationshipLabel?` (${r.relationshipLabel})`:""}</h3>
            <dl class="facts">
              <dt>E-mail</dt><dd>${r.email??"—"}</dd>
              <dt>Téléphone</dt><dd>${r.phone??"—"}</dd>
              <dt>Portable</dt><dd>${r.mobilePhone??"—"}</dd>
              <dt>Adresse</dt><dd>${[r.address.line1,r.address.postalCode,r.address.city].filter(Boolean).join(", ")||"—"}</dd>
              <dt>Payeur</dt><dd>${r.isPayer?"oui":"non"}</dd>
              <dt>Allocataire CAF / MSA</dt><dd>${r.isAllocataire?"oui":"non"}</dd>
            </dl>
            ${st(r.pendingChanges)}
            <form class="inline" @submit=${f=>{l(f,r.id)}}>
              <label for=${`mobile-${r.id}`}>Nouveau numéro de portable</label>
              <input id=${`mobile-${r.id}`} name="mobilePhone" type="tel" autocomplete="tel" required />
              <button type="submit" class="secondary">Demander la modification</button>
            </form>
          </section>`)}
        <h2>Enfants</h2>
        ${c.children.map(r=>u`<section class="card" aria-label=${`${r.firstName} ${r.lastName}`}>
            <h3>${r.firstName} ${r.lastName}</h3>
            <dl class="facts">
              <dt>Date de naissance</dt><dd>${z(r.birthDate)}</dd>
              <dt>Classe</dt><dd>${r.gradeLabel??"—"}</dd>
              <dt>École</dt><dd>${r.school?.name??"—"}</dd>
            </dl>
            ${st(r.pendingChanges)}
          </section>`)}`,e)}return b(),X(),o(),()=>{}}const ua=new Set(["PENDING","WAITING_LIST"]);function ma(e){let t,a=0,s,n,o="",l="",b;async function c(){try{const{requests:i}=await L($t,{where:{stateGroup:"IN_PROGRESS"},order:"OLDEST_FIRST",first:50});t=i.edges.map(p=>p.node),a=i.totalCount}catch(i){s=P(i)}d()}async function r(i,p){l=p?.id??i.id,s=void 0,d();try{const $={request:i.id,lines:p?[p.id]:null},R=(await L(Fn,{input:$})).requestAccept.errors[0];R?s=R.message:(n=`Demande ${i.referenceLabel} : ${p?`${Q(p.date)} acceptée`:"acceptée"}.`,G(n)),await c()}catch($){s=P($)}l="",d()}async function f(i,p,$){i.preventDefault();const R=String(new FormData(i.target).get("message")??"").trim();l=$?.id??p.id,s=void 0,d();try{const W={request:p.id,lines:$?[$.id]:null,message:R},q=(await L(Bn,{input:W})).requestRefuse.errors[0];q?s=q.message:(o="",n=`Demande ${p.referenceLabel} : ${$?`${Q($.date)} refusée`:"refusée"}.`,G(n)),await c()}catch(W){s=P(W)}l="",d()}function h(i,p,$){const R=p?.id??i.id;return u`<span class="decision">
      ${p&&p.status!=="PENDING"?"":u`<button type="button" ?disabled=${l===R} @click=${()=>{r(i,p)}} aria-label=${`Accepter ${$}`}>Accepter</button>`}
      <button type="button" class="secondary" ?disabled=${l===R} @click=${()=>{o=R,d(),e.querySelector(`#refuse-${CSS.escape(R)}`)?.focus()}} aria-label=${`Refuser ${$}`}>Refuser</button>
      ${o===R?u`<form class="inline" @submit=${W=>{f(W,i,p)}}>
            <label for=${`refuse-${R}`}>Motif du refus (envoyé à la famille)</label>
            <input id=${`refuse-${R}`} name="message" required maxlength="500" />
            <button type="submit">Confirmer le refus</button>
            <button type="button" class="link" @click=${()=>{o="",d()}}>Annuler</button>
          </form>`:""}
    </span>`}function d(){B(u`<h1>Demandes à traiter${t?` (${a})`:""}</h1>
        <p class="muted">Mise à jour en direct : les nouvelles demandes arrivent et les demandes traitées disparaissent sans recharger la page.</p>
        ${j(s)} ${n?u`<p class="notice">${n}</p>`:""}
        ${t?t.length===0?u`<p>Aucune demande en attente.</p>`:u`<ol class="inbox">
                ${t.map(i=>{const p=i.lines.filter($=>ua.has($.status));return u`<li class="card" data-request=${i.id}>
                    <h2><a href=${F("/agent/demande",{id:i.id})}>Demande ${i.referenceLabel}</a> — ${i.family?.name??""}</h2>
                    <p>${wt(i)} · reçue le ${Ce(i.createdAt)} · <span class="status">${i.statusLabel}</span></p>
                    ${p.length?u`<ul class="lines">
                          ${p.map($=>u`<li data-line=${$.id}>
                            <span>${Q($.date)}${$.slot?` ${H($.slot.startTime)} – ${H($.slot.endTime)}`:""} — ${$.child?.firstName??""} — ${$.actionLabel} : ${$.statusLabel}</span>
                            ${h(i,$,`le ${Q($.date)} de la demande ${i.referenceLabel}`)}
                          </li>`)}
                        </ul>`:u`<div>${h(i,void 0,`la demande ${i.referenceLabel}`)}</div>`}
                  </li>`})}
              </ol>`:Z()}`,e)}d(),X(),c();const m=Ee(On,{after:null},i=>i.staffInbox.cursor,({staffInbox:i})=>{G(`Demande ${i.referenceLabel} : ${i.stepLabel}`),window.clearTimeout(b),b=window.setTimeout(()=>{c()},300)},i=>{s=i,d()});return()=>{window.clearTimeout(b),m()}}const pa=new Set(["RESERVED","PRESENT","ABSENT","ABSENT_BILLED"]);async function fa(){const e=[];let t=null;for(let a=0;a<50;a+=1){const n=(await L(Un,{after:t})).families;for(const o of n.edges)e.push(...o.node.children.map(l=>l.id));if(!n.pageInfo.hasNextPage)break;t=n.pageInfo.endCursor??null}return e}function ba(e,t){const a=t.get("date")??Be(),s=t.get("activite")??"",n=t.get("creneau")??"";let o,l,b,c="";async function r(){try{if(o=(await L(Vn,{})).activities.edges.map(d=>d.node).filter(d=>d.isActive&&d.schoolYear.startDate<=a&&a<=d.schoolYear.endDate),s&&n){const d=await fa(),{planning:m}=await L(Hn,{date:a,children:d,activities:[s]});l=m.occurrences.filter(i=>i.slotId===n&&pa.has(i.status))}}catch(d){b=P(d)}h()}async function f(d,m){c=d.child.id,b=void 0,h();try{const i=(await L(jn,{input:{slot:n,date:a,marks:[{child:d.child.id,present:m}]}})).attendanceMark.errors[0];i?b=i.message:G(`${d.child.firstName} ${d.child.lastName} : ${m?"présent":"absent"}.`),await r()}catch(i){b=P(i)}c="",h()}function h(){const d=o?.find(i=>i.id===s),m=(d?.slots??[]).filter(i=>i.weekday===sa(a));B(u`<h1>Pointage du ${Q(a)}</h1>
        <form class="card toolbar" @submit=${i=>i.preventDefault()}>
          <span><label for="a-date">Date</label>
          <input id="a-date" type="date" .value=${a} @change=${i=>K("/agent/pointage",{date:i.target.value,activite:s})} /></span>
          <span><label for="a-activity">Activité</label>
          <select id="a-activity" @change=${i=>K("/agent/pointage",{date:a,activite:i.target.value})}>
            <option value="">Choisir une activité</option>
            ${(o??[]).map(i=>u`<option value=${i.id} ?selected=${i.id===s}>${i.name} — ${i.establishment.name}</option>`)}
          </select></span>
          ${d?u`<span><label for="a-slot">Créneau</label>
                <select id="a-slot" @change=${i=>K("/agent/pointage",{date:a,activite:s,creneau:i.target.value})}>
                  <option value="">${m.length?"Choisir un créneau":"Pas de créneau ce jour-là"}</option>
                  ${m.map(i=>u`<option value=${i.id} ?selected=${i.id===n}>${H(i.startTime)} – ${H(i.endTime)}</option>`)}
                </select></span>`:""}
        </form>
        ${j(b)}
        ${o?n?l?l.length===0?u`<p>Aucun enfant inscrit sur ce créneau ce jour-là.</p>`:u`<div class="table-wrap"><table>
                    <caption>${l.length} enfant(s) attendu(s)</caption>
                    <thead><tr><th scope="col">Enfant</th><th scope="col">Statut</th><th scope="col">Pointage</th></tr></thead>
                    <tbody>
                      ${l.map(i=>u`<tr>
                        <td>${i.child.lastName} ${i.child.firstName}</td>
                        <td>${i.statusLabel}</td>
                        <td class="actions">
                          <button type="button" class="secondary" ?disabled=${c===i.child.id} aria-pressed=${i.status==="PRESENT"?"true":"false"} @click=${()=>{f(i,!0)}} aria-label=${`${i.child.firstName} ${i.child.lastName} présent`}>Présent</button>
                          <button type="button" class="secondary" ?disabled=${c===i.child.id} aria-pressed=${i.status==="ABSENT"||i.status==="ABSENT_BILLED"?"true":"false"} @click=${()=>{f(i,!1)}} aria-label=${`${i.child.firstName} ${i.child.lastName} absent`}>Absent</button>
                        </td>
                      </tr>`)}
                    </tbody>
                  </table></div>`:Z():"":Z()}`,e)}return h(),X(),r(),()=>{}}const ha={"/planning":["Planning",oa],"/reservation":["Réserver",(e,t)=>at(e,t,"reservation")],"/absence":["Absence",(e,t)=>at(e,t,"absence")],"/demandes":["Mes demandes",ca],"/demande":["Demande",At],"/factures":["Factures",la],"/dossier":["Dossier famille",da]},$a={"/agent/demandes":["Demandes à traiter",ma],"/agent/pointage":["Pointage",ba],"/agent/demande":["Demande",At]},ga=["/planning","/reservation","/absence","/demandes","/factures","/dossier"],ya=["/agent/demandes","/agent/pointage"],Ne=document.getElementById("app");let Se=()=>{},qt="",De=0;async function it(){try{const e=await L(Dn,{});qt=e.collectivity.name,De=e.viewer.unreadMessageCount}catch{return}St()}function St(){const e=Ne.querySelector(".brand-name");e&&(e.textContent=qt||Ut);const t=Ne.querySelector(".unread");t&&(t.textContent=De?` (${De} non lu${De>1?"s":""})`:"")}async function va(){try{await L(Sn,{})}catch{}pt(),K("/connexion")}function rt(e,t,a){const s=de();return B(u`<a class="skip" href="#contenu" @click=${wa}>Aller au contenu</a>
      <header class="top">
        <p class="brand">Espace famille <span class="muted">— <span class="brand-name"></span></span></p>
        ${s?u`<nav aria-label="Navigation principale">
              <ul>
                ${a.map(n=>u`<li>
                      <a href=${F(n)} aria-current=${n===e?"page":"false"}
                        >${t[n][0]}${n==="/demandes"?u`<span class="unread"></span>`:""}</a
                      >
                    </li>`)}
              </ul>
            </nav>
            <p class="who">
              ${s.name}
              <button type="button" class="link" @click=${()=>{va()}}>Se déconnecter</button>
            </p>`:""}
      </header>
      <main id="contenu" tabindex="-1"></main>
      <div id="live-region" class="visually-hidden" aria-live="polite" role="status"></div>`,Ne),St(),Ne.querySelector("main")}function wa(e){e.preventDefault(),document.getElementById("contenu")?.focus()}function Dt(){Se(),Se=()=>{};const{path:e,params:t}=Gn(),a=de(),s=ft(a);if(!a||e==="/connexion"||e==="/agent"){if(a&&e!=="/agent"){K(s?"/agent/demandes":"/planning");return}const b=rt(e,{},[]);it(),document.title="Connexion — Espace famille",Se=Kn(b,e==="/agent");return}const n=s?$a:ha,o=n[e];if(!o){K(s?"/agent/demandes":"/planning");return}const l=rt(e,n,s?ya:ga);document.title=`${o[0]} — Espace famille`,Se=o[1](l,t),it()}window.addEventListener("hashchange",Dt);Dt();
